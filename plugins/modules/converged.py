#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: converged
short_description: Mark on a host that an app converged, with what it was made from and what the roles read
version_added: 1.0.0
description:
  - >-
    Written by the site playbook after the gunicorn and nginx_proxy roles converged an app - the
    digest of the app's inputs on the controller (O(digest)), the list of what the roles read on
    the host to decide what to change (O(watch)), a snapshot of it taken now, and the health
    request that proves the app answers (O(health)). M(greenunicorn.gunicorn.converged_info) takes
    the snapshot again at the next run and compares.
  - The mark is a JSON file, C(<record_dir>/converged/<name>.json), readable by root only.
  - O(state=absent) deletes it (the app was removed).
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode nothing is written; the result says whether the mark would change.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  name:
    description: The app's name (V(gunicorn_app_name)).
    type: str
    required: true
  state:
    description: V(present) writes the mark, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  digest:
    description: The digest of the app's inputs (filter P(greenunicorn.gunicorn.converge_digests#filter)). Required with O(state=present).
    type: str
  watch:
    description:
      - What the roles read on the host. Keys, each a list - C(paths) (described as
        M(greenunicorn.gunicorn.host_state) does, with the SHA-1 of a regular file's content),
        C(globs) (their matches, as C(paths)), C(list_dirs) (entry names), C(units) (C(LoadState),
        C(ActiveState), C(UnitFileState), C(NeedDaemonReload)), C(unit_files) (the same without
        C(ActiveState)), C(users) and C(groups) (their passwd and group entries), C(packages)
        (installed Debian package versions), and C(finds) (dicts of C(dir), C(patterns),
        C(excludes), C(contains); the files of C(dir) with their lines matching C(contains)).
    type: dict
    default: {}
  health:
    description:
      - The health request, with C(socket) (a unix socket path) or C(address) (C(host:port)),
        C(path), C(host) (the Host header), C(status) (a list of accepted statuses) and
        C(timeout) (seconds).
    type: dict
    default: {}
  record_dir:
    description: The directory holding the collection's records on the host.
    type: path
    default: /var/lib/greenunicorn
"""

EXAMPLES = r"""
- name: Mark that shop converged
  greenunicorn.gunicorn.converged:
    name: shop
    digest: "{{ shop_digest }}"
    watch:
      paths: [/etc/gunicorn/shop/gunicorn.conf.py, /srv/gunicorn/shop/current]
      units: [gunicorn-shop.socket]
      unit_files: [gunicorn-shop.service]
      users: [shop]
      groups: [shop]
      packages: [nginx]
    health:
      socket: /run/gunicorn/shop.sock
      path: /
      host: localhost
      status: [200]
      timeout: 5

- name: Forget the mark of a removed app
  greenunicorn.gunicorn.converged:
    name: shop
    state: absent
"""

RETURN = r"""
path:
  description: The mark's file.
  returned: always
  type: str
  sample: /var/lib/greenunicorn/converged/shop.json
written:
  description: Whether the mark's file was (or in check mode would be) written or deleted.
  returned: always
  type: bool
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.app_record import write_atomically
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.converged import (
    MarkError,
    build_mark,
    mark_file,
    normalize_watch,
    snapshot,
)
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import systemctl_show


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            digest=dict(type="str"),
            watch=dict(type="dict", default={}),
            health=dict(type="dict", default={}),
            record_dir=dict(type="path", default="/var/lib/greenunicorn"),
        ),
        required_if=[("state", "present", ["digest"])],
        supports_check_mode=True,
    )
    params = module.params
    try:
        path = mark_file(params["record_dir"], params["name"])
        before = None
        if os.path.exists(path):
            with open(path) as handle:
                before = handle.read()
        if params["state"] == "absent":
            after = None
        else:
            watch = normalize_watch(params["watch"])
            state = snapshot(watch, lambda units, properties: systemctl_show(module, units, properties))
            mark = build_mark(params["name"], params["digest"], watch, params["health"], state)
            after = json.dumps(mark, indent=1, sort_keys=True) + "\n"
    except MarkError as exc:
        module.fail_json(msg="Cannot mark %s as converged: %s" % (params["name"], exc))
    except (IOError, OSError) as exc:
        module.fail_json(msg="Cannot read the mark of %s: %s" % (params["name"], exc))
    written = before != after
    if written and not module.check_mode:
        try:
            if after is None:
                os.unlink(path)
            else:
                write_atomically(path, after, mode=0o600)
        except (IOError, OSError) as exc:
            module.fail_json(msg="Cannot write the mark %s: %s" % (path, exc))
    module.exit_json(changed=written, path=path, written=written)


if __name__ == "__main__":
    main()

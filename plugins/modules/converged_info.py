#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: converged_info
short_description: Tell, for several apps in one call, whether each is as its last converge left it
version_added: 1.0.0
description:
  - For each app, reads the mark M(greenunicorn.gunicorn.converged) wrote after its last converge,
    takes the snapshot of the mark's watch list again and compares it and the mark's digest with
    this run's digest. An app whose digest and snapshot are the same (a deploy lock another run
    holds is a file of the snapshot), and whose health request answers as expected is in sync - the roles would change
    nothing - and the site playbook skips it.
  - Anything else is not in sync, with the reason - no mark, another digest, the first path,
    unit, account or package that differs, a health request that failed.
  - Changes nothing on the host.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  apps:
    description:
      - The apps to look at, each a dict with C(name) and C(digest) (this run's digest, from
        the filter P(greenunicorn.gunicorn.converge_digests#filter)); an app with an empty
        C(digest) is not looked at and is reported not in sync, with its C(reason) if it has one.
    type: list
    elements: dict
    required: true
  record_dir:
    description: The directory holding the collection's records on the host.
    type: path
    default: /var/lib/greenunicorn
"""

EXAMPLES = r"""
- name: Which apps are as their last converge left them
  greenunicorn.gunicorn.converged_info:
    apps:
      - name: shop
        digest: "{{ digests.shop.digest }}"
  register: converged

- name: Show them
  ansible.builtin.debug:
    msg: "{{ converged.apps | dict2items | selectattr('value.in_sync') | map(attribute='key') | list }}"
"""

RETURN = r"""
apps:
  description:
    - For each app's name, C(in_sync) (bool), C(marked) (whether a mark exists) and C(reason)
      (why it is not in sync, or the health answer).
  returned: always
  type: dict
  sample: {"shop": {"in_sync": false, "marked": true, "reason": "path /etc/gunicorn/shop/gunicorn.conf.py changed"}}
"""

import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.converged import (
    MarkError,
    compare,
    health_request,
    mark_file,
    parse_mark,
    snapshot,
)
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import systemctl_show


def app_state(module, app):
    name, digest = app.get("name"), app.get("digest")
    path = mark_file(module.params["record_dir"], name)
    marked = os.path.exists(path)
    if not digest:
        return dict(in_sync=False, marked=marked, reason=app.get("reason") or "no digest")
    try:
        with open(path) as handle:
            mark = parse_mark(handle.read())
    except (IOError, OSError):
        mark = None
    if mark is not None:
        state = snapshot(mark["watch"], lambda units, properties: systemctl_show(module, units, properties))
    else:
        state = None
    in_sync, reason = compare(mark, digest, state)
    if in_sync:
        in_sync, reason = health_request(mark["health"])
    return dict(in_sync=in_sync, marked=marked, reason=reason)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            apps=dict(type="list", elements="dict", required=True),
            record_dir=dict(type="path", default="/var/lib/greenunicorn"),
        ),
        supports_check_mode=True,
    )
    result = {}
    for app in module.params["apps"]:
        if not isinstance(app.get("name"), str) or not app["name"]:
            module.fail_json(msg="each of apps needs a name, got %r" % (sorted(app),))
        try:
            result[app["name"]] = app_state(module, app)
        except MarkError as exc:
            module.fail_json(msg="Cannot tell whether %s converged: %s" % (app["name"], exc))
    module.exit_json(changed=False, apps=result)


if __name__ == "__main__":
    main()

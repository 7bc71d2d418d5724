#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: app_record
short_description: Record on a host what the roles create for an app, before they create it
version_added: 1.0.0
description:
  - Writes the record of one app and role on the target, a JSON file under O(record_dir), before
    the role creates anything, so that a removal deletes exactly what the deploy made, by the
    app's name alone (see M(greenunicorn.gunicorn.app_record_info)).
  - Each path of O(paths) the record does not list yet is recorded as C(created) when it does not
    exist (the role is about to create it, and removes it with the app) and as C(existing) when
    it does (the role uses it and never removes it). A listed path keeps its status.
  - O(owned) paths are named after the app in the role's own namespace (unit files, the vhost, the
    logrotate policy) and always recorded as C(created).
  - O(state=absent) deletes the record once the app is removed.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - greenunicorn.gunicorn.app_record
attributes:
  check_mode:
    support: full
    details:
      - In check mode the record is not written; the result and the diff show what would be.
  diff_mode:
    support: full
  platform:
    support: full
    platforms: posix
options:
  state:
    description: V(present) adds to the record, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  paths:
    description: Absolute paths the role creates when missing, or uses when they exist.
    type: list
    elements: path
    default: []
  owned:
    description: Absolute paths that belong to the role by their name; always recorded as created.
    type: list
    elements: path
    default: []
  units:
    description: The systemd units the role writes for the app.
    type: list
    elements: str
    default: []
  user:
    description: The user the app runs as.
    type: str
  group:
    description: The app's group.
    type: str
  owned_user:
    description: The role created (or creates now) O(user) for this app (RV(greenunicorn.gunicorn.app_record_info#module:accounts.owned_user)).
    type: bool
    default: false
  owned_group:
    description: The same for O(group).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Record what the deploy of "shop" creates, before creating it
  greenunicorn.gunicorn.app_record:
    name: shop
    paths: [/srv/gunicorn/shop, /etc/gunicorn/shop, /var/lib/shop]
    owned: [/etc/systemd/system/gunicorn-shop.service, /etc/systemd/system/gunicorn-shop.socket]
    units: [gunicorn-shop.socket, gunicorn-shop.service]
    user: shop
    group: shop
    owned_user: true
    owned_group: true

- name: Forget the app once it is removed
  greenunicorn.gunicorn.app_record:
    name: shop
    state: absent
"""

RETURN = r"""
path:
  description: The record file.
  returned: always
  type: str
  sample: /var/lib/greenunicorn/gunicorn/shop.json
record:
  description: The record as written (empty after O(state=absent)).
  returned: always
  type: dict
"""

import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.app_record import (
    RECORD_ARGUMENT_SPEC,
    RecordError,
    dump,
    empty_record,
    merge,
    parse_record,
    record_file,
    write_atomically,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            RECORD_ARGUMENT_SPEC,
            state=dict(type="str", default="present", choices=["present", "absent"]),
            paths=dict(type="list", elements="path", default=[]),
            owned=dict(type="list", elements="path", default=[]),
            units=dict(type="list", elements="str", default=[]),
            user=dict(type="str"),
            group=dict(type="str"),
            owned_user=dict(type="bool", default=False),
            owned_group=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    params = module.params
    name, role = params["name"], params["role"]
    try:
        path = record_file(params["record_dir"], role, name)
        before_text = None
        if os.path.exists(path):
            with open(path) as handle:
                before_text = handle.read()
            record = parse_record(before_text, role, name, source=path)
        else:
            record = empty_record(role, name)
        if params["state"] == "absent":
            after_text = None
        else:
            record = merge(
                record, paths=params["paths"], owned=params["owned"], units=params["units"],
                account=dict(user=params["user"], group=params["group"],
                             owned_user=params["owned_user"], owned_group=params["owned_group"]),
            )
            after_text = dump(record)
    except RecordError as exc:
        module.fail_json(msg="Cannot record what the %s role creates for %s: %s" % (role, name, exc))
    except OSError as exc:
        module.fail_json(msg="Cannot read the record %s: %s" % (path, exc))

    changed = before_text != after_text
    if before_text is not None and after_text is not None:
        # an older file written differently but holding the same record is not a change
        changed = dump(parse_record(before_text, role, name, source=path)) != after_text
    result = dict(changed=changed, path=path, record=record if after_text is not None else {})
    if module._diff:
        result["diff"] = dict(before=before_text or "", after=after_text or "",
                              before_header=path, after_header=path)
    if changed and not module.check_mode:
        try:
            if after_text is None:
                os.unlink(path)
            else:
                write_atomically(path, after_text)
        except OSError as exc:
            module.fail_json(msg="Cannot write the record %s: %s" % (path, exc), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()

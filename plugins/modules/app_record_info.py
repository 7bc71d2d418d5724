#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: app_record_info
short_description: Read what the roles created for an app on a host, and decide about its accounts
version_added: 1.0.0
description:
  - Reads the record that M(greenunicorn.gunicorn.app_record) wrote for one app and role on the
    target, and the records of the other apps of the same role.
  - With O(user) and O(group), looks the accounts up on the target and decides whether the role
    creates them, uses them as they are (O(use_existing_account)), or must refuse the app
    because the names belong to accounts the role did not create for it. The decision comes back
    as RV(accounts); this module never changes anything.
  - Returns the removal plan (RV(removal)) computed from the record, so that an app is removed by
    its name alone.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - greenunicorn.gunicorn.app_record
attributes:
  check_mode:
    support: full
    details:
      - The module only reads.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  user:
    description: The user the app runs as. Leave out to skip the account decision.
    type: str
  group:
    description: The app's group. Required with O(user).
    type: str
  use_existing_account:
    description:
      - V(true) when O(user) and O(group) name accounts that exist on purpose and are used as they
        are (never created, changed or removed).
    type: bool
    default: false
  reserved_users:
    description: Users an app never runs as, even with O(use_existing_account) (uid 0 always is).
    type: list
    elements: str
    default: []
  reserved_groups:
    description: Groups an app never uses, even with O(use_existing_account) (gid 0 always is).
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Decide about the accounts of the app "shop"
  greenunicorn.gunicorn.app_record_info:
    name: shop
    user: shop
    group: shop
    reserved_users: [root, www-data, nobody]
    reserved_groups: [root, www-data, nogroup]
  register: shop_record

- name: Refuse before any change when the names belong to someone else
  ansible.builtin.assert:
    that: shop_record.accounts.error is none
    fail_msg: "{{ shop_record.accounts.error }}"
"""

RETURN = r"""
path:
  description: The record file.
  returned: always
  type: str
  sample: /var/lib/greenunicorn/gunicorn/shop.json
exists:
  description: Whether the record file exists.
  returned: always
  type: bool
record:
  description: The record (an empty one when the file does not exist).
  returned: always
  type: dict
  contains:
    created:
      description: Paths the role created for the app; they go with it.
      type: list
      elements: str
    existing:
      description: Paths the app uses that existed before; never removed.
      type: list
      elements: str
    units:
      description: The systemd units written for the app.
      type: list
      elements: str
    account:
      description: The user and group the app runs as, and those of them the role created.
      type: dict
others:
  description: Names of the other apps of the same role that have a record on the host.
  returned: always
  type: list
  elements: str
accounts:
  description: The account decision; only with O(user).
  returned: when O(user) is given
  type: dict
  contains:
    create_user:
      description: The role creates the user.
      type: bool
    create_group:
      description: The role creates the group.
      type: bool
    owned_user:
      description: The role created (or creates now) the user for this app, so it may manage and remove it.
      type: bool
    owned_group:
      description: The same for the group.
      type: bool
    legacy:
      description: The user was created by a release of the role older than records (its comment says so).
      type: bool
    error:
      description: Why the app must be refused (naming the variable), or null.
      type: str
    user_entry:
      description: The user as the host has it (name, uid, gid, home, shell, comment), or null.
      type: dict
    group_entry:
      description: The group as the host has it (name, gid), or null.
      type: dict
removal:
  description: What a removal of the app deletes, from the record.
  returned: always
  type: dict
  contains:
    paths:
      description: The created paths, deepest first.
      type: list
      elements: str
    units:
      description: The units to stop, disable and remove.
      type: list
      elements: str
    user:
      description: The user to remove, or null (not created by the role, or used by another app).
      type: str
    group:
      description: The group to remove, or null.
      type: str
    kept:
      description: Created paths and accounts that stay, each with the reason.
      type: list
      elements: dict
"""

import grp
import os
import pwd

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.app_record import (
    RECORD_ARGUMENT_SPEC,
    RecordError,
    account_plan,
    empty_record,
    parse_record,
    record_file,
    removal_plan,
)


def user_entry(name):
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return {"name": entry.pw_name, "uid": entry.pw_uid, "gid": entry.pw_gid, "home": entry.pw_dir,
            "shell": entry.pw_shell, "comment": entry.pw_gecos}


def group_entry(name):
    try:
        entry = grp.getgrnam(name)
    except KeyError:
        return None
    return {"name": entry.gr_name, "gid": entry.gr_gid}


def read_record(path, role, name):
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return parse_record(handle.read(), role, name, source=path)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            RECORD_ARGUMENT_SPEC,
            user=dict(type="str"),
            group=dict(type="str"),
            use_existing_account=dict(type="bool", default=False),
            reserved_users=dict(type="list", elements="str", default=[]),
            reserved_groups=dict(type="list", elements="str", default=[]),
        ),
        required_together=[("user", "group")],
        supports_check_mode=True,
    )
    params = module.params
    name, role = params["name"], params["role"]
    try:
        path = record_file(params["record_dir"], role, name)
        record = read_record(path, role, name)
        others = []
        role_dir = os.path.dirname(path)
        if os.path.isdir(role_dir):
            for entry in sorted(os.listdir(role_dir)):
                if entry.endswith(".json") and entry != name + ".json":
                    other = read_record(os.path.join(role_dir, entry), role, entry[:-5])
                    if other is not None:
                        others.append(other)
    except (RecordError, OSError) as exc:
        module.fail_json(msg="Cannot read the record of %s (%s role): %s" % (name, role, exc))
    result = dict(
        changed=False,
        path=path,
        exists=record is not None,
        record=record or empty_record(role, name),
        others=[o["name"] for o in others],
    )
    if params["user"] is not None:
        passwd, group = user_entry(params["user"]), group_entry(params["group"])
        plan = account_plan(
            name, params["user"], params["group"], params["use_existing_account"], result["record"],
            passwd, group, params["reserved_users"], params["reserved_groups"],
        )
        plan.update(user_entry=passwd, group_entry=group)
        result["accounts"] = plan
    result["removal"] = removal_plan(result["record"], others)
    module.exit_json(**result)


if __name__ == "__main__":
    main()

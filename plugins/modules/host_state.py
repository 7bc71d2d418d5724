#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: host_state
short_description: Read the state of many paths, JSON files, directories and systemd units at once
version_added: 1.0.0
description:
  - Describes each path (type, owner, group, mode, link target, SHA-1 of a regular file's content),
    parses JSON files, lists directories and asks systemd about units, in one module call.
  - The roles read their state with it once, then change only what differs, with
    M(ansible.builtin.template), M(ansible.builtin.file) and M(ansible.builtin.copy) guarded by the
    filter P(greenunicorn.gunicorn.needs_change#filter); a converge that changes nothing makes no
    call per unchanged file.
  - Links are never followed. Nothing is changed.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - It only reads, in check mode as in a normal run.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  paths:
    description: Paths to describe. A regular file up to 1 MiB gets the SHA-1 of its content.
    type: list
    elements: path
    default: []
  globs:
    description:
      - Shell patterns (C(fnmatch) rules, as M(ansible.builtin.find) has them) whose matches are
        described as in O(paths) and added to the same result, for example every release's
        virtualenv link.
    type: list
    elements: str
    default: []
  json_files:
    description: JSON files to read; a missing or unparsable one gives null.
    type: list
    elements: path
    default: []
  list_dirs:
    description: Directories whose entry names to list; a missing one gives an empty list.
    type: list
    elements: path
    default: []
  units:
    description:
      - systemd units to ask about (C(systemctl show)); a unit systemd does not know has
        C(LoadState=not-found).
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Read the app's files, history and units
  greenunicorn.gunicorn.host_state:
    paths: [/etc/gunicorn/shop/gunicorn.conf.py, /srv/gunicorn/shop/current]
    json_files: [/srv/gunicorn/shop/releases.json]
    list_dirs: [/srv/gunicorn/shop/releases]
    units: [gunicorn-shop.socket]
  register: shop_state

- name: Write gunicorn.conf.py only when it differs
  ansible.builtin.template:
    src: gunicorn.conf.py.j2
    dest: /etc/gunicorn/shop/gunicorn.conf.py
    owner: root
    group: shop
    mode: "0640"
  when: >-
    shop_state.paths['/etc/gunicorn/shop/gunicorn.conf.py'] | greenunicorn.gunicorn.needs_change(
      'file', content=lookup('ansible.builtin.template', 'gunicorn.conf.py.j2'),
      owner='root', group='shop', mode='0640')
"""

RETURN = r"""
paths:
  description:
    - For each path, C(exists), C(type) (C(file), C(directory), C(link), C(other) or null), C(owner),
      C(group), C(mode) (four octal digits), C(target) for a link, C(size) and C(checksum) (SHA-1) for
      a regular file.
  returned: always
  type: dict
  sample:
    /srv/gunicorn/shop/current: {exists: true, type: link, target: releases/0a1b2c3d4e5f, owner: root, group: shop, mode: "0777"}
json:
  description: For each JSON file, its parsed content or null.
  returned: always
  type: dict
dirs:
  description: For each directory, the sorted names of its entries.
  returned: always
  type: dict
units:
  description: For each unit, C(LoadState), C(ActiveState), C(UnitFileState) and C(NeedDaemonReload) from systemd.
  returned: always
  type: dict
  sample:
    gunicorn-shop.socket: {LoadState: loaded, ActiveState: active, UnitFileState: enabled, NeedDaemonReload: "no"}
"""

import glob

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import (
    UNIT_PROPERTIES,
    describe,
    list_dir,
    read_json,
    systemctl_show,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type="list", elements="path", default=[]),
            globs=dict(type="list", elements="str", default=[]),
            json_files=dict(type="list", elements="path", default=[]),
            list_dirs=dict(type="list", elements="path", default=[]),
            units=dict(type="list", elements="str", default=[]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    paths = list(params["paths"])
    for pattern in params["globs"]:
        paths += sorted(glob.glob(pattern))
    module.exit_json(
        changed=False,
        paths=dict((path, describe(path)) for path in paths),
        json=dict((path, read_json(path)) for path in params["json_files"]),
        dirs=dict((path, list_dir(path)) for path in params["list_dirs"]),
        units=systemctl_show(module, params["units"], UNIT_PROPERTIES),
    )


if __name__ == "__main__":
    main()

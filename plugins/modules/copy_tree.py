#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: copy_tree
short_description: Copy a directory of the controller into a directory of the target, as one archive
version_added: 1.1.0
description:
  - Packs O(src) on the controller into a gzip tar archive in a private temporary file (symbolic
    links followed, entries in sorted order), extracts it into O(dest) on the target with
    M(ansible.builtin.unarchive), and removes the archive, also when the extraction fails.
  - One task, one transfer and one extraction, whatever the number of files; what a role would
    otherwise do in four tasks (a temporary file, C(tar) on the controller, M(ansible.builtin.unarchive)
    and the clean-up). The gunicorn role copies an app's source tree into a new release with it.
  - This is an action plugin; the target needs what M(ansible.builtin.unarchive) needs (C(tar) and
    C(gzip)).
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
    details:
      - As M(ansible.builtin.unarchive) in check mode; O(dest) must exist.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  src:
    description:
      - A directory on the controller; relative paths start from the current directory.
    type: path
    required: true
  dest:
    description:
      - An existing directory on the target, into which the tree is extracted.
    type: path
    required: true
  owner:
    description: Owner of the extracted files and directories.
    type: str
  group:
    description: Group of the extracted files and directories.
    type: str
  mode:
    description:
      - Mode of the extracted files and directories, as for M(ansible.builtin.unarchive), for example
        V(u=rwX,g=rX,o=).
    type: raw
seealso:
  - module: ansible.builtin.unarchive
"""

EXAMPLES = r"""
- name: Copy the app's source into the new release, readable by its group only
  greenunicorn.gunicorn.copy_tree:
    src: "{{ playbook_dir }}/app"
    dest: /srv/gunicorn/shop/releases/262ca72db927/src
    owner: root
    group: shop
    mode: u=rwX,g=rX,o=
"""

RETURN = r"""
src:
  description: The directory packed, with its symbolic links resolved.
  returned: always
  type: str
  sample: /home/me/shop
entries:
  description: Entries of the archive (files, directories), the top directory included.
  returned: success
  type: int
  sample: 42
dest:
  description: As M(ansible.builtin.unarchive) returns it.
  returned: success
  type: str
  sample: /srv/gunicorn/shop/releases/262ca72db927/src
"""

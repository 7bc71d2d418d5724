# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
name: tree_checksum
short_description: One checksum of a directory tree on the controller, from its files' paths and contents
version_added: 1.0.0
author:
  - greenunicorn maintainers (@greenunicorn)
description:
  - >-
    Returns, for each directory given, the SHA-1 of the JSON list of C([relative path, SHA-1 of
    content]) of every regular file under it (hidden ones included, symbolic links left out),
    sorted by path. The same tree gives the same checksum on any controller; a changed, added,
    removed or renamed file gives another.
  - >-
    The gunicorn role names a release from it (the code part of the release id) without a module
    call, since a lookup runs on the controller.
options:
  _terms:
    description: Directories on the controller.
    type: list
    elements: path
    required: true
"""

EXAMPLES = r"""
- name: Show the checksum of the app's source tree
  ansible.builtin.debug:
    msg: "{{ lookup('greenunicorn.gunicorn.tree_checksum', 'files/app') }}"
"""

RETURN = r"""
_raw:
  description: One SHA-1 (40 hex digits) per directory.
  type: list
  elements: str
"""

import hashlib
import json
import os

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase


def file_sha1(path):
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_checksum(root):
    """SHA-1 of the JSON list of [relative path, content SHA-1] of the regular files under root."""
    root = os.path.realpath(root)
    if not os.path.isdir(root):
        raise ValueError("%s is not a directory on the controller" % root)
    files = []
    for parent, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = os.path.join(parent, name)
            if os.path.isfile(path) and not os.path.islink(path):
                files.append(path)
    entries = [[os.path.relpath(path, root), file_sha1(path)] for path in sorted(files)]
    return hashlib.sha1(json.dumps(entries).encode("utf-8")).hexdigest()


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        try:
            return [tree_checksum(term) for term in terms]
        except (OSError, ValueError) as exc:
            raise AnsibleLookupError("tree_checksum: %s" % exc)

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.converge_digests (documented in converge_digests.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.lookup.tree_checksum import file_sha1, tree_checksum
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.converged import app_inputs

# The collection's code the roles run: a new version of any of it converges every app again.
COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODE_DIRS = ("roles", "plugins", "playbooks")
_CODE = {}


def code_checksum(root=COLLECTION_ROOT):
    """SHA-1 of the collection's roles, plugins and playbooks (compiled Python left out)."""
    if root not in _CODE:
        files = []
        for top in CODE_DIRS:
            for parent, dirs, names in os.walk(os.path.join(root, top)):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(names):
                    path = os.path.join(parent, name)
                    if not name.endswith(".pyc") and os.path.isfile(path):
                        files.append([os.path.relpath(path, root), file_sha1(path)])
        _CODE[root] = hashlib.sha1(json.dumps(files).encode("utf-8")).hexdigest()
    return _CODE[root]


def _controller_file(path):
    try:
        return file_sha1(path)
    except (IOError, OSError) as exc:
        raise AnsibleFilterError("cannot read %s on the controller: %s" % (path, exc))


def _controller_tree(path):
    try:
        return tree_checksum(path)
    except (IOError, OSError, ValueError) as exc:
        raise AnsibleFilterError("cannot read gunicorn_app_src=%s on the controller: %s" % (json.dumps(path), exc))


def converge_digests(apps, host, facts=None):
    """[{name, digest, reason}] for the entries of greenunicorn_apps (an entry without a
    gunicorn_app_name is left out)."""
    if not isinstance(apps, (list, tuple)):
        raise AnsibleFilterError("converge_digests expects greenunicorn_apps, a list (got %s)" % type(apps).__name__)
    code = code_checksum()
    result = []
    for app in apps:
        if not hasattr(app, "items") or not app.get("gunicorn_app_name"):
            continue  # the site playbook's checks say so, naming greenunicorn_apps
        digest, reason = app_inputs(app, host, facts, code, _controller_tree, _controller_file)
        result.append(dict(name=str(app["gunicorn_app_name"]), digest=digest or "", reason=reason or ""))
    return result


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"converge_digests": converge_digests}

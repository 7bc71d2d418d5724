# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.paths_to_change (documented in paths_to_change.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import differs

# the keys an entry may have beyond greenunicorn.gunicorn.put_files' own
FILTER_KEYS = ("when_missing",)


def paths_to_change(entries, on_host):
    """The entries of greenunicorn.gunicorn.put_files's paths that differ from what
    greenunicorn.gunicorn.host_state read (on_host: its result's paths), in order, ready to pass
    to the module. An entry with when_missing: true is kept only when its path does not exist
    (a shared parent made when missing, and left as it is when it exists)."""
    if not is_sequence(entries) or isinstance(entries, (str, bytes)):
        raise AnsibleFilterError("paths_to_change expects a list of put_files entries (got %r)" % (entries,))
    if not isinstance(on_host, dict):
        raise AnsibleFilterError("paths_to_change expects host_state's paths as its argument (got %r)" % (on_host,))
    changes = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("path"):
            raise AnsibleFilterError("paths_to_change: entry %d has no path (got %r)" % (index, entry))
        path = entry["path"]
        if path not in on_host:
            raise AnsibleFilterError("paths_to_change: %s was not read by host_state (add it to its paths)" % path)
        state = entry.get("state", "file")
        found = on_host[path]
        if entry.get("when_missing"):
            needed = not (found or {}).get("exists")
        else:
            content = entry.get("content", entry.get("secret_content"))
            try:
                needed = differs(found, state, content=content, target=entry.get("src"),
                                 owner=entry.get("owner"), group=entry.get("group"), mode=entry.get("mode"))
            except ValueError as exc:
                raise AnsibleFilterError("paths_to_change: %s: %s" % (path, exc))
        if needed:
            changes.append(dict((key, value) for key, value in entry.items() if key not in FILTER_KEYS))
    return changes


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"paths_to_change": paths_to_change}

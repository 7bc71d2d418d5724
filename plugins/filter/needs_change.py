# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.needs_change (documented in needs_change.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import differs


def needs_change(entry, kind, content=None, target=None, owner=None, group=None, mode=None):
    """Whether a path described by greenunicorn.gunicorn.host_state must change."""
    if entry is not None and not isinstance(entry, dict):
        raise AnsibleFilterError("needs_change expects an entry of host_state's paths (got %r)" % (entry,))
    try:
        return differs(entry, kind, content=content, target=target, owner=owner, group=group, mode=mode)
    except ValueError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"needs_change": needs_change}

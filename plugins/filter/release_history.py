# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.release_history (documented in release_history.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.releases import history_plan


def release_history(releases, release_id, venv_id, code="", action="deploy", keep_releases=5, now="",
                    on_disk=None, app_dir=""):
    """The new history and what stays (see module_utils/releases.py)."""
    try:
        return history_plan(releases, release_id, venv_id, code, action, keep_releases, now,
                            on_disk=on_disk, app_dir=app_dir)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("release_history: %s" % exc)


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"release_history": release_history}

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.nginx_proxy_checks (documented in nginx_proxy_checks.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.nginx_proxy_checks import check


def nginx_proxy_checks(variables):
    """Every problem of the nginx_proxy role's variables (see module_utils/nginx_proxy_checks.py)."""
    if not isinstance(variables, dict):
        raise AnsibleFilterError("nginx_proxy_checks expects a dictionary of the role's variables (got %r)" % (variables,))
    try:
        return check(variables)
    except ValueError as exc:
        return [str(exc)]


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"nginx_proxy_checks": nginx_proxy_checks}

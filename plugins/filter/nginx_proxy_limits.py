# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.nginx_proxy_limits (documented in nginx_proxy_limits.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.worker_classes import nginx_limits

# The only variables read, of each app and of the defaults: an entry's other values (secrets, and
# defaults such as gunicorn_app_dir that refer to an app's own name) are never templated here.
KEYS = ("gunicorn_app_name", "nginx_proxy_app_name", "gunicorn_app_state", "gunicorn_worker_class",
        "nginx_proxy_app_worker_class", "gunicorn_workers", "gunicorn_threads", "gunicorn_worker_connections",
        "nginx_proxy_upstream_keepalive", "nginx_proxy_worker_connections", "nginx_proxy_worker_rlimit_nofile")


def nginx_proxy_limits(apps, defaults=None, cpus=1, ceiling=None):
    """nginx's worker_connections and worker_rlimit_nofile for `apps` (see module_utils/worker_classes.py)."""
    if not isinstance(apps, (list, tuple)) or not all(isinstance(app, dict) for app in apps):
        raise AnsibleFilterError("nginx_proxy_limits expects a list of apps, each a dictionary of variables")
    given, defaults = defaults, {}
    for part in (given if isinstance(given, (list, tuple)) else [given or {}]):
        if not isinstance(part, dict):
            raise AnsibleFilterError("nginx_proxy_limits: defaults must be a dictionary or a list of them")
        defaults.update((key, part[key]) for key in KEYS if key in part)
    merged = []
    for app in apps:
        entry = dict(defaults)
        entry.update((key, app[key]) for key in KEYS if key in app)
        # the app's class, as the site playbook gives it to nginx_proxy: its own nginx_proxy_app_worker_class,
        # else its gunicorn_worker_class, else the defaults' (gunicorn's first)
        entry["nginx_proxy_app_worker_class"] = (
            app.get("nginx_proxy_app_worker_class") or app.get("gunicorn_worker_class")
            or defaults.get("gunicorn_worker_class") or defaults.get("nginx_proxy_app_worker_class") or "sync")
        merged.append(entry)
    try:
        return nginx_limits(merged, cpus=int(cpus or 1), ceiling=ceiling)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("nginx_proxy_limits: %s" % exc)


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"nginx_proxy_limits": nginx_proxy_limits}

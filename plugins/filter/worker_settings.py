# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.worker_settings (documented in worker_settings.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.worker_classes import settings


def worker_settings(name, version="", cpus=1, workers=None, threads=None, worker_connections=None,
                    keepalive=None, control_socket="", asgi_loop="auto", uvicorn_standard=False,
                    app_module="", limit_nofile=None):
    """The effective settings of the worker class `name` (see module_utils/worker_classes.py)."""
    try:
        return settings(
            name, version=version, cpus=cpus, workers=workers, threads=threads,
            worker_connections=worker_connections, keepalive=keepalive,
            control_socket=control_socket, asgi_loop=asgi_loop,
            uvicorn_standard=uvicorn_standard, app_module=app_module, limit_nofile=limit_nofile,
        )
    except ValueError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"worker_settings": worker_settings}

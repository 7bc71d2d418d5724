# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filters greenunicorn.gunicorn.nginx_proxy_default_servers and
greenunicorn.gunicorn.nginx_proxy_files (documented in their .yml files): which files the
nginx_proxy role writes for a vhost."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError


def _port(value):
    """The port as a number (the role's preflight checks its range and says what is wrong)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def nginx_proxy_default_servers(conf_dir, listen_port, tls_port=None):
    """The default server of each port of a vhost: its port, whether it is TLS, its file."""
    if not conf_dir:
        raise AnsibleFilterError("nginx_proxy_default_servers: conf_dir is required")
    ports = [(_port(listen_port), False)]
    if tls_port is not None:
        ports.append((_port(tls_port), True))
    return [{"port": port, "tls": tls, "dest": "%s/gunicorn-00-default-%d.conf" % (conf_dir, port)}
            for port, tls in ports]


def nginx_proxy_files(default_servers, vhost, http, websocket_map, limits, worker_rlimit_nofile=0,
                      default_server=True, is_default=False, taken_ports=()):
    """The files nginx reads for a vhost, in the order they are written, each {src, dest} (src: the
    role's template): the main-context limits when worker_rlimit_nofile is set, the http-level
    files every vhost shares, the 444 default servers of the vhost's ports (unless the vhost is the
    default server itself, default servers are off, or another vhost is the default server of a
    port: taken_ports), then the vhost."""
    for name, value in (("vhost", vhost), ("http", http), ("websocket_map", websocket_map), ("limits", limits)):
        if not value:
            raise AnsibleFilterError("nginx_proxy_files: %s is required" % name)
    if not isinstance(default_servers, list):
        raise AnsibleFilterError("nginx_proxy_files expects the default servers as a list (got %r)" % (default_servers,))
    files = []
    if int(worker_rlimit_nofile or 0) > 0:
        files.append({"src": "limits.conf.j2", "dest": limits})
    files.append({"src": "websocket-map.conf.j2", "dest": websocket_map})
    files.append({"src": "http.conf.j2", "dest": http})
    if default_server and not is_default:
        taken = set(int(p) for p in taken_ports)
        files += [dict(server, src="default-server.conf.j2") for server in default_servers
                  if int(server["port"]) not in taken]
    files.append({"src": "vhost.conf.j2", "dest": vhost})
    return files


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"nginx_proxy_default_servers": nginx_proxy_default_servers, "nginx_proxy_files": nginx_proxy_files}

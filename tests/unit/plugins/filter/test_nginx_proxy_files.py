# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the filters greenunicorn.gunicorn.nginx_proxy_default_servers and nginx_proxy_files."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.nginx_proxy_files import FilterModule

FILTERS = FilterModule().filters()
default_servers = FILTERS["nginx_proxy_default_servers"]
files = FILTERS["nginx_proxy_files"]
PATHS = dict(vhost="/c/gunicorn-shop.conf", http="/c/gunicorn-00-http.conf",
             websocket_map="/c/gunicorn-00-websocket-map.conf", limits="/m/90-limits.conf")


def test_default_servers_of_each_port():
    assert default_servers("/c", 80) == [{"port": 80, "tls": False, "dest": "/c/gunicorn-00-default-80.conf"}]
    assert default_servers("/c", "8080", 8443)[1] == {"port": 8443, "tls": True, "dest": "/c/gunicorn-00-default-8443.conf"}
    # preflight checks the ports; here a bad one is only not a number
    assert default_servers("/c", "eighty")[0]["port"] == 0
    with pytest.raises(AnsibleFilterError, match="conf_dir is required"):
        default_servers("", 80)


def test_files_in_writing_order():
    servers = default_servers("/c", 80, 443)
    got = files(servers, worker_rlimit_nofile=4096, **PATHS)
    assert [f["dest"] for f in got] == ["/m/90-limits.conf", "/c/gunicorn-00-websocket-map.conf", "/c/gunicorn-00-http.conf",
                                        "/c/gunicorn-00-default-80.conf", "/c/gunicorn-00-default-443.conf",
                                        "/c/gunicorn-shop.conf"]
    assert got[3]["src"] == "default-server.conf.j2" and got[4]["tls"] is True
    assert got[-1]["src"] == "vhost.conf.j2"


def test_default_servers_left_out():
    servers = default_servers("/c", 80, 443)
    wanted = ["websocket-map.conf.j2", "http.conf.j2", "default-server.conf.j2", "default-server.conf.j2", "vhost.conf.j2"]
    assert [f["src"] for f in files(servers, **PATHS)] == wanted
    assert "default-server.conf.j2" not in [f["src"] for f in files(servers, is_default=True, **PATHS)]
    assert "default-server.conf.j2" not in [f["src"] for f in files(servers, default_server=False, **PATHS)]
    assert [f.get("port") for f in files(servers, taken_ports=[80], **PATHS) if "port" in f] == [443]


def test_bad_input():
    no_vhost = dict(PATHS)
    no_vhost["vhost"] = ""
    with pytest.raises(AnsibleFilterError, match="vhost is required"):
        files([], **no_vhost)
    with pytest.raises(AnsibleFilterError, match="as a list"):
        files("x", **PATHS)

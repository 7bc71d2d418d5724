# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the filter greenunicorn.gunicorn.paths_to_change."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.paths_to_change import FilterModule

paths_to_change = FilterModule().filters()["paths_to_change"]

ON_HOST = {
    "/srv/gunicorn": {"exists": True, "type": "directory", "owner": "admin", "group": "admin", "mode": "0775"},
    "/srv/gunicorn/shop": {"exists": True, "type": "directory", "owner": "root", "group": "shop", "mode": "0750"},
    "/etc/gunicorn/shop/gunicorn.conf.py": {
        "exists": True, "type": "file", "owner": "root", "group": "shop", "mode": "0640",
        "checksum": "f572d396fae9206628714fb2ce00f72e94f2258f"},
    "/srv/gunicorn/shop/current": {"exists": True, "type": "link", "target": "releases/abc", "owner": "root", "group": "shop"},
    "/var/lib/shop": {"exists": False},
}


def test_only_what_differs_is_kept_in_order():
    wanted = [
        {"path": "/srv/gunicorn", "state": "directory", "owner": "root", "group": "root", "mode": "0755", "when_missing": True},
        {"path": "/var/lib/shop", "state": "directory", "owner": "shop", "group": "shop", "mode": "0750"},
        {"path": "/srv/gunicorn/shop", "state": "directory", "owner": "root", "group": "shop", "mode": "0750"},
        {"path": "/etc/gunicorn/shop/gunicorn.conf.py", "content": "hello\n", "owner": "root", "group": "shop", "mode": "0640"},
        {"path": "/srv/gunicorn/shop/current", "state": "link", "src": "releases/def", "owner": "root", "group": "shop"},
    ]
    assert [e["path"] for e in paths_to_change(wanted, ON_HOST)] == ["/var/lib/shop", "/srv/gunicorn/shop/current"]


def test_when_missing_creates_a_missing_parent_and_drops_the_key():
    wanted = [{"path": "/var/lib/shop", "state": "directory", "owner": "root", "mode": "0755", "when_missing": True}]
    assert paths_to_change(wanted, ON_HOST) == [{"path": "/var/lib/shop", "state": "directory", "owner": "root", "mode": "0755"}]


def test_content_mode_and_secret_content_are_compared():
    conf = {"path": "/etc/gunicorn/shop/gunicorn.conf.py", "owner": "root", "group": "shop"}
    assert paths_to_change([dict(conf, content="hello\n", mode="0640")], ON_HOST) == []
    assert len(paths_to_change([dict(conf, content="hello\n", mode="0600")], ON_HOST)) == 1
    assert len(paths_to_change([dict(conf, secret_content="other\n")], ON_HOST)) == 1


def test_bad_input_names_the_problem():
    with pytest.raises(AnsibleFilterError, match="list of put_files entries"):
        paths_to_change("x", ON_HOST)
    with pytest.raises(AnsibleFilterError, match="host_state's paths"):
        paths_to_change([], None)
    with pytest.raises(AnsibleFilterError, match="entry 0 has no path"):
        paths_to_change([{"state": "directory"}], ON_HOST)
    with pytest.raises(AnsibleFilterError, match="/nowhere was not read by host_state"):
        paths_to_change([{"path": "/nowhere", "state": "directory"}], ON_HOST)
    with pytest.raises(AnsibleFilterError, match="kind must be"):
        paths_to_change([{"path": "/var/lib/shop", "state": "fifo"}], ON_HOST)

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the filter greenunicorn.gunicorn.health_failure."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.health_failure import FilterModule

health_failure = FilterModule().filters()["health_failure"]
BAD = {"msg": "Status code was 500 and not [200]", "status": 500, "content": "boom"}
ARGS = ("shop", "/health", [200], "/run/gunicorn/shop.sock", "gunicorn-shop")


def test_switched_back_and_answering_again():
    msg = health_failure(BAD, *ARGS, previous_release="aaa", release_changed=True, switched_back=True,
                         put_back_files=["/etc/gunicorn/shop/gunicorn.conf.py"], health_back={"status": 200},
                         journal=['127.0.0.1 - - [07/Dec/2026:05:00:00 +0000] "GET / HTTP/1.0" 500', "Traceback: boom"])
    assert msg.startswith('shop did not answer GET /health with 200 on /run/gunicorn/shop.sock: '
                          'Status code was 500 and not [200] (status 500, body "boom").')
    assert "Switched back to release aaa." in msg
    assert "Put back /etc/gunicorn/shop/gunicorn.conf.py." in msg
    assert "What ran before answers again (status 200)." in msg
    assert msg.endswith("Last journal lines of gunicorn-shop.service (access log left out): Traceback: boom")


def test_first_release_stays_and_nothing_changed():
    first = health_failure({}, *ARGS, release_changed=True)
    assert "no answer (status none" in first
    assert "No release ran before this one, so it stays in place." in first
    assert "This run had changed nothing." in health_failure(BAD, *ARGS, previous_release="aaa")


def test_what_ran_before_does_not_answer_either():
    msg = health_failure(BAD, *ARGS, previous_release="aaa", release_changed=True, switched_back=True,
                         health_back={"status": -1, "msg": "connection refused"})
    assert "What ran before does not answer either: connection refused." in msg


def test_only_the_last_15_journal_lines():
    msg = health_failure(BAD, *ARGS, journal=["line %d" % i for i in range(40)])
    assert "line 24" not in msg and "line 25 | " in msg and msg.endswith("line 39")


def test_bad_input():
    with pytest.raises(AnsibleFilterError, match="health check's result"):
        health_failure("oops", *ARGS)

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the filter greenunicorn.gunicorn.sandboxed_run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.sandboxed_run import FilterModule

sandboxed_run = FilterModule().filters()["sandboxed_run"]
ARGS = dict(user="shop", group="shopg", environment_file="/etc/gunicorn/shop/environment",
            workdir="/srv/shop/releases/r1/src", venv="/srv/shop/releases/r1/venv")


def test_the_command_runs_as_the_app_in_its_sandbox():
    argv = sandboxed_run(["python", "manage.py", "migrate"], write_paths=["/var/lib/shop", "/var/log/shop"], **ARGS)
    assert argv[:6] == ["systemd-run", "--quiet", "--wait", "--pipe", "--collect", "--service-type=exec"]
    assert argv[-4:] == ["--", "python", "manage.py", "migrate"]
    for word in ("--property=User=shop", "--property=Group=shopg",
                 "--property=EnvironmentFile=/etc/gunicorn/shop/environment",
                 "--property=WorkingDirectory=/srv/shop/releases/r1/src",
                 "--property=ProtectSystem=strict", "--property=NoNewPrivileges=yes", "--property=PrivateTmp=yes",
                 "--setenv=PATH=/srv/shop/releases/r1/venv/bin:/usr/local/bin:/usr/bin:/bin",
                 "--setenv=VIRTUAL_ENV=/srv/shop/releases/r1/venv",
                 "--property=ReadWritePaths=/var/lib/shop", "--property=ReadWritePaths=/var/log/shop"):
        assert word in argv[:-4]
    # no value of the environment passes on the command line
    assert not [w for w in argv if w.startswith("--setenv=") and "SECRET" in w]


def test_no_write_paths_means_none_writable():
    argv = sandboxed_run(["true"], **ARGS)
    assert not [w for w in argv if w.startswith("--property=ReadWritePaths=")]


def test_bad_input_names_the_argument():
    with pytest.raises(AnsibleFilterError, match="non-empty list"):
        sandboxed_run("python manage.py migrate", **ARGS)
    with pytest.raises(AnsibleFilterError, match="write_paths must be a list"):
        sandboxed_run(["true"], write_paths="/var/lib/shop", **ARGS)
    no_user = dict(ARGS)
    no_user["user"] = ""
    with pytest.raises(AnsibleFilterError, match="user is required"):
        sandboxed_run(["true"], **no_user)

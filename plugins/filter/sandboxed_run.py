# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.sandboxed_run (documented in sandboxed_run.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.collections import is_sequence

# what a deploy hook and gunicorn --check-config get of the service's sandbox (the unit template
# sets the same and more for the service itself)
SANDBOX_PROPERTIES = ("UMask=0027", "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectSystem=strict", "ProtectHome=yes")


def sandboxed_run(command, user, group, environment_file, workdir, venv, write_paths=()):
    """The systemd-run argv that runs `command` (a list) as the app: its user and group, its
    environment file as the service reads it (the values never pass through Ansible), the
    release's virtualenv first on PATH, a read-only system but for `write_paths`."""
    if not is_sequence(command) or isinstance(command, (str, bytes)) or not command:
        raise AnsibleFilterError("sandboxed_run expects the command as a non-empty list (got %r)" % (command,))
    if not is_sequence(write_paths) or isinstance(write_paths, (str, bytes)):
        raise AnsibleFilterError("sandboxed_run: write_paths must be a list (got %r)" % (write_paths,))
    for name, value in (("user", user), ("group", group), ("environment_file", environment_file),
                        ("workdir", workdir), ("venv", venv)):
        if not value:
            raise AnsibleFilterError("sandboxed_run: %s is required" % name)
    argv = ["systemd-run", "--quiet", "--wait", "--pipe", "--collect", "--service-type=exec",
            "--property=User=%s" % user, "--property=Group=%s" % group,
            "--property=EnvironmentFile=%s" % environment_file,
            "--property=WorkingDirectory=%s" % workdir]
    argv += ["--property=%s" % prop for prop in SANDBOX_PROPERTIES]
    argv += ["--setenv=PATH=%s/bin:/usr/local/bin:/usr/bin:/bin" % venv, "--setenv=VIRTUAL_ENV=%s" % venv,
             "--setenv=PYTHONDONTWRITEBYTECODE=1", "--setenv=PYTHONUNBUFFERED=1"]
    argv += ["--property=ReadWritePaths=%s" % path for path in write_paths]
    return argv + ["--"] + [str(word) for word in command]


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"sandboxed_run": sandboxed_run}

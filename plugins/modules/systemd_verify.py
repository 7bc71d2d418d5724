#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: systemd_verify
short_description: Check systemd unit files with systemd-analyze verify before they are loaded
version_added: 1.0.0
description:
  - Copies the given unit files into a temporary directory, replaces strings in them (for example
    a C(current) link that a later task switches, by the release it will point at), and runs
    C(systemd-analyze verify) on the copies. Fails with systemd's messages when it refuses them.
  - Nothing is loaded into systemd (no C(daemon-reload)), nothing is written outside the temporary
    directory, so the module never changes anything.
  - systemd 252 (Debian 12) and 257 (Debian 13) exit non-zero for a missing or non-executable
    command, an unknown setting, and a value they ignore with a warning (an unresolvable
    specifier, a path that is not normalized). A warning such as "Special user nobody configured"
    alone passes.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - The check runs in check mode too (it changes nothing); the files must exist.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  units:
    description:
      - Paths of the unit files to verify together (for example a C(.socket) and its C(.service)).
        Each copy keeps its file name, so units that name each other are found in the same directory.
    type: list
    elements: path
    required: true
  replace:
    description:
      - Strings to replace in the copies, each key by its value, in order (plain text, not regular
        expressions). The files themselves are not changed.
    type: dict
    default: {}
  man:
    description:
      - Whether C(systemd-analyze) checks that the man pages named by C(Documentation=) exist (C(--man)).
    type: bool
    default: false
  recursive_errors:
    description:
      - C(--recursive-errors) of C(systemd-analyze verify). V(no) reports only the given units, not
        the units they depend on (C(network.target) and the like). Empty to leave the option out
        (systemd older than 250).
    type: str
    choices: ["yes", "no", "one", ""]
    default: "no"
requirements:
  - systemd-analyze (systemd 250 or later for O(recursive_errors))
notes:
  - C(systemd-analyze verify) checks that the executables of C(ExecStart=) and the like exist and
    are executable, so the files they name must exist when the module runs, through O(replace) if need be.
"""

EXAMPLES = r"""
- name: Verify the units before systemd loads them; current will point at the new release
  greenunicorn.gunicorn.systemd_verify:
    units:
      - /etc/systemd/system/gunicorn-myapp.socket
      - /etc/systemd/system/gunicorn-myapp.service
    replace:
      /srv/gunicorn/myapp/current/: /srv/gunicorn/myapp/releases/4f2a9c/
  register: verify
  failed_when: false

- name: Show what systemd said
  ansible.builtin.debug:
    var: verify.stderr_lines
"""

RETURN = r"""
rc:
  description: Exit code of C(systemd-analyze verify).
  returned: when it ran
  type: int
  sample: 1
cmd:
  description: The command that ran (on the temporary copies).
  returned: when it ran
  type: list
  elements: str
  sample: [systemd-analyze, verify, --man=no, --recursive-errors=no, /tmp/x/gunicorn-myapp.service]
stdout:
  description: Its standard output.
  returned: when it ran
  type: str
stderr:
  description: Its messages, with the temporary directory replaced by the units' own directory.
  returned: when it ran
  type: str
  sample: "/etc/systemd/system/gunicorn-myapp.service:70: ReadWritePaths= path is not normalized, ignoring: /srv/../etc"
stderr_lines:
  description: RV(stderr) split into lines.
  returned: when it ran
  type: list
  elements: str
"""

import os
import shutil
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes, to_text


def run_module():
    module = AnsibleModule(
        argument_spec=dict(
            units=dict(type="list", elements="path", required=True),
            replace=dict(type="dict", default={}),
            man=dict(type="bool", default=False),
            recursive_errors=dict(type="str", default="no", choices=["yes", "no", "one", ""]),
        ),
        supports_check_mode=True,
    )
    units = module.params["units"]
    if not units:
        module.fail_json(msg="units must name at least one unit file")
    names = [os.path.basename(u) for u in units]
    if len(set(names)) != len(names):
        module.fail_json(msg="the units must have different file names (got %s)" % ", ".join(units))
    missing = [u for u in units if not os.path.isfile(u)]
    if missing:
        module.fail_json(msg="no such unit file: %s" % ", ".join(missing))

    analyze = module.get_bin_path("systemd-analyze", required=True)
    tmp = tempfile.mkdtemp(prefix="systemd-verify-", dir=module.tmpdir)
    try:
        copies = []
        for unit in units:
            with open(unit, "rb") as f:
                content = f.read()
            for old, new in module.params["replace"].items():
                content = content.replace(to_bytes(old), to_bytes(new if new is not None else ""))
            copy = os.path.join(tmp, os.path.basename(unit))
            with open(copy, "wb") as f:
                f.write(content)
            copies.append(copy)
        cmd = [analyze, "verify", "--man=%s" % ("yes" if module.params["man"] else "no")]
        if module.params["recursive_errors"]:
            cmd.append("--recursive-errors=%s" % module.params["recursive_errors"])
        cmd.extend(copies)
        rc, out, err = module.run_command(cmd)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # name the real files in the messages, not the copies
    for copy, unit in zip(copies, units):
        out = out.replace(copy, unit)
        err = err.replace(copy, unit)
    err = to_text(err).rstrip("\n")
    result = dict(changed=False, rc=rc, cmd=cmd, stdout=out, stderr=err, stderr_lines=err.splitlines() if err else [])
    if rc != 0:
        messages = [line for line in result["stderr_lines"] if line.strip()] or out.splitlines()
        module.fail_json(
            msg="systemd-analyze verify refused %s: %s" % (", ".join(names), " | ".join(messages) or "rc %d" % rc),
            **result)
    module.exit_json(**result)


def main():
    run_module()


if __name__ == "__main__":
    main()

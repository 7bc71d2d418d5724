#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: deploy_lock
short_description: Take or release a per-application deploy lock on the target
version_added: 1.0.0
description:
  - Keeps two runs that deploy (or remove) the same application on the same host from
    interleaving, for example a run from CI and one by hand.
  - The lock is the file O(lock_dir)/O(name).lock. It is created atomically (a complete file is
    hard-linked to its name, which fails when the name exists), and holds the owner's O(token),
    O(owner) and the time it was taken, as JSON.
  - With O(state=locked) the module takes the lock, or waits up to O(timeout) seconds, polling
    every O(poll_interval) seconds, for the run that holds it to release it. It then fails with
    a message that names the holder, since when it holds the lock, the setting of the wait
    (O(timeout_name)) and the file to remove when no run is going.
  - Taking a lock again with the token that holds it succeeds and changes nothing.
  - A lock older than O(stale_after) seconds (a run that was interrupted before it released it)
    is taken over, with a warning.
  - With O(state=unlocked) the lock is removed only when it holds O(token); a lock held by another
    token stays, with a warning.
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode nothing is written or removed. O(state=locked) still waits for a lock held
        by another run (and fails the same way when the wait ends), so a check does not read a
        half-built release; it never leaves a lock behind, so a check run interrupted with Ctrl-C
        blocks nobody.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
options:
  name:
    description:
      - Name of the lock, for example the application's name. The lock file is O(lock_dir)/O(name).lock.
      - Letters, digits, V(.), V(_) and V(-) only.
    type: str
    required: true
  state:
    description:
      - V(locked) takes the lock (waiting for it), V(unlocked) releases it.
    type: str
    choices: [locked, unlocked]
    default: locked
  token:
    description:
      - Identifies the run that holds the lock. Use a value that is unique per run and the same
        for taking and releasing, for example a random string set once on the controller.
    type: str
    required: true
  owner:
    description:
      - Who takes the lock (user, controller, play), shown to a run that has to wait for it.
    type: str
    default: ""
  lock_dir:
    description:
      - Directory of the lock files, created (mode 0755) when missing. The default is on a tmpfs,
        so a reboot forgets every lock.
    type: path
    default: /run/greenunicorn
  timeout:
    description:
      - Seconds to wait for a lock held by another token. V(0) fails at once.
    type: int
    default: 600
  poll_interval:
    description:
      - Seconds between two looks at a lock held by another token.
    type: float
    default: 2.0
  stale_after:
    description:
      - A lock taken more than this many seconds ago is taken over, with a warning. V(0) never
        takes a lock over.
    type: int
    default: 3600
  timeout_name:
    description:
      - How the failure message names the setting of O(timeout), for example the role variable
        that sets it.
    type: str
    default: timeout
notes:
  - A run interrupted before it releases the lock (Ctrl-C, a lost connection) leaves it behind
    until O(stale_after) has passed, the host reboots, or someone removes the file.
seealso:
  - module: ansible.builtin.wait_for
"""

EXAMPLES = r"""
- name: Take the deploy lock of myapp (token set once per run on the controller)
  greenunicorn.gunicorn.deploy_lock:
    name: myapp
    token: "{{ deploy_token }}"
    owner: "{{ lookup('ansible.builtin.env', 'USER') }} ({{ ansible_play_name }})"
    timeout: 300

- name: Deploy under the lock and always release it
  block:
    - name: Deploy
      ansible.builtin.debug:
        msg: the deploy's tasks go here
  always:
    - name: Release the deploy lock of myapp
      greenunicorn.gunicorn.deploy_lock:
        name: myapp
        token: "{{ deploy_token }}"
        state: unlocked
"""

RETURN = r"""
path:
  description: The lock file.
  returned: always
  type: str
  sample: /run/greenunicorn/myapp.lock
acquired:
  description:
    - Whether this run holds the lock now (V(false) in check mode and with O(state=unlocked)).
  returned: always
  type: bool
  sample: true
released:
  description: Whether the lock of this token was removed (O(state=unlocked)).
  returned: always
  type: bool
  sample: false
waited:
  description: Seconds spent waiting for another run's lock.
  returned: always
  type: float
  sample: 12.5
since:
  description: When the lock was taken (UTC, ISO 8601), by this run or by the one that holds it.
  returned: when a lock exists
  type: str
  sample: "2026-12-01T21:40:03Z"
holder:
  description:
    - The content of a lock held by another token that made this run wait, fail, or that was
      taken over (O(state=locked)), or that was left in place (O(state=unlocked)).
  returned: when another token held the lock
  type: dict
  sample: {"token": "k2x9...", "owner": "ci@runner (Deploy)", "since": "2026-12-01T21:40:03Z", "time": 1796247603.2, "pid": 4711}
took_over:
  description: Whether a stale lock of another token was taken over.
  returned: always
  type: bool
  sample: false
"""

import binascii
import errno
import json
import os
import re
import time

from ansible.module_utils.basic import AnsibleModule


def _iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def read_lock(path):
    """The lock's content, {} for an unreadable one, None when there is no lock."""
    try:
        with open(path) as f:
            text = f.read()
    except (IOError, OSError) as e:
        if e.errno == errno.ENOENT:
            return None
        raise
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        # not ours, or cut short: the file's time is the best guess of its age
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            return None
        data = {"token": None, "owner": "unknown (unreadable lock file)", "time": mtime, "since": _iso(mtime)}
    return data


def lock_age(data, now):
    try:
        return now - float(data.get("time"))
    except (TypeError, ValueError):
        return 0.0


def try_create(path, content):
    """Create path holding content atomically; False when it exists."""
    tmp = "%s.%d.%s.tmp" % (path, os.getpid(), binascii.hexlify(os.urandom(4)).decode())
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except OSError as e:
            if e.errno == errno.EEXIST:
                return False
            raise
        return True
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def take_over(path, stale):
    """Move a stale lock away; False when it was not the one read (another run got there first)."""
    moved = "%s.stale.%d" % (path, os.getpid())
    try:
        os.rename(path, moved)
    except OSError as e:
        if e.errno == errno.ENOENT:
            return False
        raise
    current = read_lock(moved)
    if current is not None and current.get("token") != stale.get("token"):
        # a fresh lock of a run that took it over first: put it back unless a new one is there
        try:
            os.link(moved, path)
        except OSError:
            pass
        os.unlink(moved)
        return False
    os.unlink(moved)
    return True


def describe(data, now):
    age = int(lock_age(data, now))
    return "%s, since %s (%d s ago)" % (data.get("owner") or "an unnamed run", data.get("since", "?"), age)


def run_module():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="locked", choices=["locked", "unlocked"]),
            token=dict(type="str", required=True, no_log=False),
            owner=dict(type="str", default=""),
            lock_dir=dict(type="path", default="/run/greenunicorn"),
            timeout=dict(type="int", default=600),
            poll_interval=dict(type="float", default=2.0),
            stale_after=dict(type="int", default=3600),
            timeout_name=dict(type="str", default="timeout"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if not re.match(r"^[A-Za-z0-9_.-]+$", p["name"]) or p["name"] in (".", ".."):
        module.fail_json(msg="name must be letters, digits, '.', '_' and '-' only (got %r)" % p["name"])
    if not p["token"]:
        module.fail_json(msg="token must not be empty")
    if p["timeout"] < 0 or p["stale_after"] < 0 or p["poll_interval"] <= 0:
        module.fail_json(msg="timeout and stale_after must be 0 or more, poll_interval above 0")

    path = os.path.join(p["lock_dir"], p["name"] + ".lock")
    result = dict(changed=False, path=path, acquired=False, released=False, waited=0.0, took_over=False)

    if p["state"] == "unlocked":
        data = read_lock(path)
        if data is None:
            module.exit_json(**result)
        result["since"] = data.get("since")
        if data.get("token") != p["token"]:
            result["holder"] = data
            module.warn("The lock %s is held by another run (%s); it stays." % (path, describe(data, time.time())))
            module.exit_json(**result)
        if not module.check_mode:
            try:
                os.unlink(path)
            except OSError as e:
                if e.errno != errno.ENOENT:
                    module.fail_json(msg="Cannot remove the lock %s: %s" % (path, e), **result)
        result.update(changed=True, released=True)
        module.exit_json(**result)

    if not module.check_mode and not os.path.isdir(p["lock_dir"]):
        try:
            os.makedirs(p["lock_dir"], 0o755)
        except OSError as e:
            if e.errno != errno.EEXIST:
                module.fail_json(msg="Cannot create the lock directory %s: %s" % (p["lock_dir"], e), **result)

    start = time.time()
    deadline = start + p["timeout"]
    while True:
        now = time.time()
        data = read_lock(path)
        if data is not None and data.get("token") == p["token"]:
            # this run holds it already
            result.update(acquired=not module.check_mode, since=data.get("since"))
            break
        if data is not None and p["stale_after"] and lock_age(data, now) > p["stale_after"]:
            result["holder"] = data
            if module.check_mode:
                result["took_over"] = True
                module.warn("The lock %s of %s is older than %d s: a run would take it over."
                            % (path, describe(data, now), p["stale_after"]))
                break
            if take_over(path, data):
                result["took_over"] = True
                module.warn("Took over the stale lock %s of %s (older than %d s, its run did not release it)."
                            % (path, describe(data, now), p["stale_after"]))
            continue
        if data is None:
            if module.check_mode:
                break
            content = json.dumps({"token": p["token"], "owner": p["owner"], "time": now, "since": _iso(now),
                                  "pid": os.getpid()}, sort_keys=True)
            if try_create(path, content):
                result.update(changed=True, acquired=True, since=_iso(now))
                break
            continue
        result["holder"] = data
        if now >= deadline:
            result["waited"] = round(now - start, 1)
            result["since"] = data.get("since")
            module.fail_json(
                msg=("Another run holds the deploy lock of %s on this host: %s. Waited %d s (%s=%d). "
                     "Try again when it has finished; if no run is going (one was interrupted), "
                     "remove %s." % (p["name"], describe(data, now), int(now - start), p["timeout_name"],
                                     p["timeout"], path)),
                **result)
        time.sleep(min(p["poll_interval"], max(deadline - now, 0.01)))
    result["waited"] = round(time.time() - start, 1)
    module.exit_json(**result)


def main():
    run_module()


if __name__ == "__main__":
    main()

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The filter greenunicorn.gunicorn.health_failure (documented in health_failure.yml)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.errors import AnsibleFilterError

# gunicorn's access log lines in the journal ('host - - [date] "GET ...'): left out of the message
ACCESS_LINE = re.compile(r'^\S+ \S+ \S+ \[[^]]+\] "')


def health_failure(health, app, path, statuses, listen, unit, previous_release="", release_changed=False,
                   switched_back=False, put_back_files=(), health_back=None, journal=()):
    """The message of a deploy whose health check failed: what the app answered, what was put
    back, whether what ran before answers again, and the last journal lines."""
    if not isinstance(health, dict):
        raise AnsibleFilterError("health_failure expects the health check's result (got %r)" % (health,))
    statuses = [int(s) for s in (statuses if isinstance(statuses, (list, tuple)) else [statuses])]
    put_back = bool(switched_back) or len(put_back_files) > 0
    parts = ["%s did not answer GET %s with %s on %s: %s (status %s, body %s)." % (
        app, path, " or ".join(str(s) for s in statuses), listen, health.get("msg") or "no answer",
        health.get("status", "none"), json.dumps((health.get("content") or "")[:200]))]
    if switched_back:
        parts.append("Switched back to release %s." % previous_release)
    if put_back_files:
        parts.append("Put back %s." % ", ".join(put_back_files))
    if release_changed and not previous_release and not put_back:
        parts.append("No release ran before this one, so it stays in place.")
    elif not put_back:
        parts.append("This run had changed nothing.")
    elif (health_back or {}).get("status", 0) in statuses:
        parts.append("What ran before answers again (status %s)." % health_back["status"])
    else:
        parts.append("What ran before does not answer either: %s." % ((health_back or {}).get("msg") or "no answer"))
    lines = [line for line in journal if not ACCESS_LINE.search(line)][-15:]
    parts.append("Last journal lines of %s.service (access log left out): %s" % (unit, " | ".join(lines)))
    return " ".join(parts)


class FilterModule(object):
    """greenunicorn.gunicorn filters."""

    def filters(self):
        return {"health_failure": health_failure}

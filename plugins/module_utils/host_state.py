# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""What a role's files, links and units look like on the host, read in one round trip, and
whether a wanted file, directory or link differs from it.

The module greenunicorn.gunicorn.host_state does the reading (describe, read_json, list_dir);
the filter greenunicorn.gunicorn.needs_change compares (differs). A role reads its state once,
then runs ansible.builtin.template / file / copy only for what differs: a converge that
changes nothing makes no call for an unchanged file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import grp
import hashlib
import json
import os
import pwd
import stat

MISSING = {"exists": False, "type": None}
# what systemctl show is asked about a unit
UNIT_PROPERTIES = ("LoadState", "ActiveState", "UnitFileState", "NeedDaemonReload")


def _name(lookup, ident):
    try:
        return lookup(ident)[0]
    except KeyError:
        return str(ident)


def describe(path, checksum_limit=1024 * 1024):
    """Type, owner, group, mode, link target and (for a regular file up to checksum_limit bytes)
    the SHA-1 of its content; never follows a link."""
    try:
        info = os.lstat(path)
    except OSError:
        return dict(MISSING)
    result = dict(
        exists=True,
        owner=_name(pwd.getpwuid, info.st_uid),
        group=_name(grp.getgrgid, info.st_gid),
        mode="%04o" % stat.S_IMODE(info.st_mode),
    )
    if stat.S_ISLNK(info.st_mode):
        result.update(type="link", target=os.readlink(path))
    elif stat.S_ISDIR(info.st_mode):
        result.update(type="directory")
    elif stat.S_ISREG(info.st_mode):
        result.update(type="file", size=info.st_size)
        if info.st_size <= checksum_limit:
            digest = hashlib.sha1()
            with open(path, "rb") as handle:
                digest.update(handle.read())
            result["checksum"] = digest.hexdigest()
    else:
        result.update(type="other")
    return result


def read_json(path):
    """The parsed content of a JSON file, or None when it is missing or not JSON."""
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, IOError, ValueError):
        return None


def list_dir(path):
    """Names of the entries of a directory, sorted; [] when it does not exist."""
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []


def sha1_text(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _mode(value):
    """'0644', '644', 0o644 or 420 -> '0644' (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return "%04o" % value
    return "%04o" % int(str(value), 8)


def differs(entry, kind, content=None, target=None, owner=None, group=None, mode=None):
    """Whether the path described by `entry` (describe()'s result) must change to be a `kind`
    (file, directory, link or absent) with this content / link target / owner / group / mode.
    An attribute given as None is not compared."""
    entry = entry or MISSING
    if kind == "absent":
        return bool(entry.get("exists"))
    if kind not in ("file", "directory", "link"):
        raise ValueError("kind must be file, directory, link or absent (got %r)" % (kind,))
    if not entry.get("exists") or entry.get("type") != kind:
        return True
    if kind == "file" and content is not None and entry.get("checksum") != sha1_text(content):
        return True
    if kind == "link" and target is not None and entry.get("target") != target:
        return True
    if owner is not None and entry.get("owner") != str(owner):
        return True
    if group is not None and entry.get("group") != str(group):
        return True
    # a link's own mode means nothing on Linux
    if kind != "link" and mode is not None and entry.get("mode") != _mode(mode):
        return True
    return False


def systemctl_show(module, units, properties):
    """{unit: {property: value}} for several units in one systemctl call (a unit systemd does
    not know has LoadState=not-found)."""
    units = list(units)
    if not units:
        return {}
    systemctl = module.get_bin_path("systemctl", required=True)
    rc, out, err = module.run_command([systemctl, "show", "--property=" + ",".join(properties), "--"] + units)
    if rc != 0:
        module.fail_json(msg="systemctl show %s failed: %s" % (" ".join(units), err.strip()), rc=rc)
    blocks = out.strip("\n").split("\n\n")
    if len(blocks) != len(units):
        module.fail_json(msg="systemctl show gave %d answers for %d units" % (len(blocks), len(units)))
    states = {}
    for unit, block in zip(units, blocks):
        values = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
        states[unit] = dict((key, values.get(key, "")) for key in properties)
    return states

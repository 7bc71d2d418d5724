# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""Whether an app is still as the last converge of the site playbook left it.

After both roles converged an app, the site playbook writes a mark on the host
(``<record_dir>/converged/<app>.json``, module greenunicorn.gunicorn.converged): the digest of
everything the app was made from on the controller (its variables, its sources, the
collection's code, the facts the roles read) and a snapshot of everything the roles read on the
host to decide what to change (the files, links and directories, the units, the accounts, the
packages, the vhosts that are default servers). The roles are a function of those two: when
both are the same at the next run, the roles would change nothing, and the site playbook skips
the app after one health request (module greenunicorn.gunicorn.converged_info). Any difference,
including a file edited by hand or a unit stopped, sends the app through the roles again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import glob
import grp
import hashlib
import json
import os
import pwd
import re
import socket

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.host_state import UNIT_PROPERTIES, describe, list_dir

MARK_VERSION = 1
MARK_DIR = "converged"
DPKG_STATUS = "/var/lib/dpkg/status"
# what systemd says of a unit the roles only enable (a socket-activated service may be started
# or not: the roles do not decide it); UNIT_PROPERTIES for the units they keep running
UNIT_FILE_PROPERTIES = ("LoadState", "UnitFileState", "NeedDaemonReload")
WATCH_LISTS = ("paths", "globs", "list_dirs", "units", "unit_files", "users", "groups", "packages")
WATCH_KEYS = WATCH_LISTS + ("finds",)
FIND_KEYS = ("dir", "patterns", "excludes", "contains")


class MarkError(Exception):
    """A watch list or a health request that cannot be used."""


def mark_file(record_dir, name):
    if not name or "/" in name or name.startswith("."):
        raise MarkError("name must be an app name, got %r" % (name,))
    return os.path.join(record_dir, MARK_DIR, name + ".json")


def normalize_watch(watch):
    """The watch lists sorted and without duplicates, the finds checked: the same watch always
    gives the same mark. Unknown keys are refused."""
    watch = dict(watch or {})
    unknown = sorted(set(watch) - set(WATCH_KEYS))
    if unknown:
        raise MarkError("watch has unknown keys: %s (known: %s)" % (", ".join(unknown), ", ".join(WATCH_KEYS)))
    result = {}
    for key in WATCH_LISTS:
        values = watch.get(key) or []
        if not isinstance(values, (list, tuple)):
            raise MarkError("watch.%s must be a list, got %r" % (key, values))
        result[key] = sorted(set(str(value) for value in values if value not in (None, "")))
    finds = []
    for find in watch.get("finds") or []:
        if not isinstance(find, dict) or not find.get("dir") or set(find) - set(FIND_KEYS):
            raise MarkError("each of watch.finds needs dir, and only %s, got %r" % (", ".join(FIND_KEYS), find))
        entry = dict(dir=str(find["dir"]), patterns=sorted(find.get("patterns") or ["*"]),
                     excludes=sorted(find.get("excludes") or []), contains=str(find.get("contains") or ""))
        try:
            re.compile(entry["contains"])
        except re.error as exc:
            raise MarkError("watch.finds contains=%r is not a regular expression: %s" % (entry["contains"], exc))
        if entry not in finds:
            finds.append(entry)
    result["finds"] = sorted(finds, key=lambda entry: json.dumps(entry, sort_keys=True))
    return result


def _account(lookup, name):
    try:
        return [str(field) for field in lookup(name)]
    except KeyError:
        return None


def installed_packages(names, status_file=DPKG_STATUS):
    """The installed version of each package (None when it is not installed), from dpkg's status."""
    wanted = set(names)
    found = {}
    if not wanted:
        return found
    try:
        with open(status_file, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
    except (IOError, OSError):
        text = ""
    for stanza in text.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if ":" in line and not line.startswith(" "):
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        package = fields.get("Package")
        if package in wanted and fields.get("Status", "").endswith(" installed"):
            found[package] = fields.get("Version")
    return dict((name, found.get(name)) for name in sorted(wanted))


def find_matches(find):
    """{name: [matching lines]} for the files of find['dir'] matching its patterns and none of
    its excludes, with the lines in which the regular expression `contains` is found (files
    without such a line are left out; with an empty `contains`, every file, without lines)."""
    found = {}
    regex = re.compile(find["contains"]) if find["contains"] else None
    for name in list_dir(find["dir"]):
        path = os.path.join(find["dir"], name)
        if not os.path.isfile(path):
            continue
        if not any(fnmatch.fnmatch(name, pattern) for pattern in find["patterns"]):
            continue
        if any(fnmatch.fnmatch(name, pattern) for pattern in find["excludes"]):
            continue
        if regex is None:
            found[name] = []
            continue
        try:
            with open(path, "rb") as handle:
                lines = handle.read().decode("utf-8", "replace").splitlines()
        except (IOError, OSError):
            continue
        matching = [line.strip() for line in lines if regex.search(line)]
        if matching:
            found[name] = matching
    return found


def snapshot(watch, unit_show, status_file=DPKG_STATUS):
    """What the host looks like for a normalized watch. unit_show(units, properties) returns
    {unit: {property: value}} (systemctl show)."""
    paths = list(watch["paths"])
    for pattern in watch["globs"]:
        paths += sorted(glob.glob(pattern))
    return dict(
        paths=dict((path, describe(path)) for path in sorted(set(paths))),
        dirs=dict((path, list_dir(path)) for path in watch["list_dirs"]),
        units=unit_show(watch["units"], UNIT_PROPERTIES) if watch["units"] else {},
        unit_files=unit_show(watch["unit_files"], UNIT_FILE_PROPERTIES) if watch["unit_files"] else {},
        users=dict((name, _account(pwd.getpwnam, name)) for name in watch["users"]),
        groups=dict((name, _account(grp.getgrnam, name)) for name in watch["groups"]),
        packages=installed_packages(watch["packages"], status_file),
        finds=[find_matches(find) for find in watch["finds"]],
    )


def build_mark(name, digest, watch, health, state):
    return dict(version=MARK_VERSION, name=name, digest=digest, watch=watch, health=health, snapshot=state)


def parse_mark(text):
    """A mark read back, or None when it is not one this version writes."""
    try:
        mark = json.loads(text)
    except ValueError:
        return None
    if not isinstance(mark, dict) or mark.get("version") != MARK_VERSION:
        return None
    if not all(key in mark for key in ("digest", "watch", "health", "snapshot")):
        return None
    return mark


def first_difference(old, new):
    """A short description of the first difference between two snapshots, or None."""
    for key in ("paths", "dirs", "units", "unit_files", "users", "groups", "packages"):
        before, after = old.get(key) or {}, new.get(key) or {}
        for item in sorted(set(before) | set(after)):
            if before.get(item) != after.get(item):
                return "%s %s changed" % (key.rstrip("s") if key != "dirs" else "directory listing", item)
    if (old.get("finds") or []) != (new.get("finds") or []):
        return "the files of watch.finds changed (the vhosts that are default servers)"
    return None


def compare(mark, digest, state):
    """(in_sync, reason) for a mark read from the host, this run's digest and the snapshot taken
    now over the mark's own watch."""
    if mark is None:
        return False, "no mark of a converge by this version of the site playbook"
    if mark["digest"] != digest:
        return False, "its variables, sources, facts or the collection changed"
    difference = first_difference(mark["snapshot"], state)
    if difference:
        return False, difference
    return True, "as the last converge left it"


def health_request(health, timeout=None):
    """(ok, reason): GET health['path'] with the Host header health['host'] from health['socket']
    (a unix socket path) or health['address'] (host:port); ok when the status is one of
    health['status']."""
    path = health.get("path") or "/"
    host = health.get("host") or "localhost"
    statuses = [int(status) for status in health.get("status") or [200]]
    timeout = float(timeout if timeout is not None else health.get("timeout") or 5)
    try:
        if health.get("socket"):
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.settimeout(timeout)
            conn.connect(health["socket"])
        elif health.get("address"):
            address, _sep, port = str(health["address"]).rpartition(":")
            conn = socket.create_connection((address.strip("[]"), int(port)), timeout=timeout)
        else:
            raise MarkError("health needs socket or address, got %r" % (health,))
    except (OSError, socket.error, ValueError) as exc:
        return False, "its health check could not connect: %s" % exc
    try:
        request = "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nUser-Agent: greenunicorn-converged\r\n\r\n" % (path, host)
        conn.sendall(request.encode("latin-1"))
        data = b""
        while b"\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except (OSError, socket.error) as exc:
        return False, "its health check got no answer: %s" % exc
    finally:
        conn.close()
    status_line = data.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    match = re.match(r"HTTP/\d(?:\.\d)? (\d{3})", status_line)
    if not match:
        return False, "its health check got no HTTP answer (%r)" % status_line[:80]
    status = int(match.group(1))
    if status not in statuses:
        return False, "its health check answered %d, not %s" % (status, "/".join(str(s) for s in statuses))
    return True, "answered %d" % status


# The facts the roles read (worker counts from the CPUs, the distribution's vars files, the
# resolvers and host name of the TLS settings).
FACTS = ("processor_vcpus", "distribution", "distribution_major_version", "distribution_version",
         "os_family", "fqdn", "dns")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")


def plain(value):
    """A deep copy made of dicts, lists and scalars (reading every item, so that values
    templated on access are read as such)."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return dict((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def app_inputs(app, host, facts, code, tree_checksum, file_checksum):
    """(digest, reason) of one entry of greenunicorn_apps: the SHA-256 of everything the roles
    make the app from on the controller, or None and the reason the app must go through the
    roles at every converge. tree_checksum(dir) and file_checksum(path) read the controller."""
    app = plain(app)
    name = app.get("gunicorn_app_name")
    if app.get("gunicorn_app_state", "present") != "present" or app.get("nginx_proxy_state", "present") != "present":
        return None, "it is to be removed"
    sources = {}
    src = app.get("gunicorn_app_src") or ""
    if src:
        if not os.path.isabs(src):
            return None, "gunicorn_app_src=%s is a relative path" % json.dumps(src)
        sources["src"] = tree_checksum(src)
    if app.get("gunicorn_app_git_repo") and not COMMIT_RE.match(str(app.get("gunicorn_app_git_ref") or "")):
        return None, "gunicorn_app_git_ref is not a commit id: the repository is read at every converge"
    if any((hook or {}).get("run") == "always" for hook in app.get("gunicorn_deploy_hooks") or []):
        return None, "a deploy hook of gunicorn_deploy_hooks has run=always"
    if app.get("nginx_proxy_upstream_group"):
        return None, "nginx_proxy_upstream_group names other hosts, whose variables may change"
    if app.get("nginx_proxy_tls"):
        if not app.get("nginx_proxy_tls_certificate"):
            return None, "its self-signed certificate is checked for expiry at every converge"
        if app.get("nginx_proxy_tls_files_on") == "controller":
            for key in ("nginx_proxy_tls_certificate", "nginx_proxy_tls_certificate_key", "nginx_proxy_tls_chain"):
                path = app.get(key) or ""
                if path and not os.path.isabs(path):
                    return None, "%s=%s is a relative path" % (key, json.dumps(path))
                if path:
                    sources[key] = file_checksum(path)
    facts = plain(facts or {})
    inputs = dict(version=MARK_VERSION, name=name, host=str(host), code=code, app=app, sources=sources,
                  facts=dict((key, facts.get(key)) for key in FACTS))
    text = json.dumps(inputs, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), None

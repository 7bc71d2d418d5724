# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""What the roles created for an app on a host, and the decisions made from it.

A record is a JSON file per role and app on the host (``<record_dir>/<role>/<app>.json``),
written before the role creates anything. It lists the paths the role created (removed with
the app), the paths it found already there (never removed), the units it wrote, and the user
and group it created (removed with the app unless another app's record uses them). Removal
reads it, so an app is removed by its name alone, whatever paths its deploy used.

Pure functions here; the modules app_record and app_record_info do the I/O.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile

RECORD_VERSION = 1
ROLES = ("gunicorn", "nginx_proxy")
# The options that name a record, shared by the modules app_record and app_record_info (documented
# in doc_fragments/app_record.py).
RECORD_ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    role=dict(type="str", default="gunicorn", choices=list(ROLES)),
    record_dir=dict(type="path", default="/var/lib/greenunicorn"),
)

# Directories of the file system layout that no app may own: a record naming one of them is
# never acted on (belt and braces: the role records only the paths it created).
SYSTEM_DIRS = frozenset(
    [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt", "/opt",
        "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/usr/bin",
        "/usr/lib", "/usr/local", "/usr/sbin", "/usr/share", "/var/cache", "/var/lib", "/var/log",
        "/var/www", "/var/tmp", "/var/run", "/run/lock", "/etc/systemd", "/etc/systemd/system",
        "/etc/nginx", "/etc/nginx/conf.d", "/etc/logrotate.d", "/var/log/nginx",
    ]
)

# The comment older releases of the role gave the users they created (before records existed).
LEGACY_COMMENT = "gunicorn app %s"


class RecordError(Exception):
    """A record that cannot be read or used."""


def record_file(record_dir, role, name):
    """The record's path for one role and app."""
    if role not in ROLES:
        raise RecordError("role must be one of %s, got %r" % (", ".join(ROLES), role))
    return os.path.join(record_dir, role, name + ".json")


def normalize(path):
    """An absolute, normalised path; RecordError for anything else."""
    if not isinstance(path, str) or not path.startswith("/"):
        raise RecordError("paths must be absolute, got %r" % (path,))
    return os.path.normpath(path)


def empty_record(role, name):
    return {
        "version": RECORD_VERSION,
        "role": role,
        "name": name,
        "created": [],
        "existing": [],
        "units": [],
        "account": {"user": None, "group": None, "created_user": None, "created_group": None},
    }


def parse_record(text, role, name, source="record"):
    """The record in ``text`` (JSON), checked; RecordError when it is not one of ours."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RecordError("%s is not JSON: %s" % (source, exc))
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        raise RecordError("%s is not a version %d record" % (source, RECORD_VERSION))
    if data.get("role") != role or data.get("name") != name:
        raise RecordError(
            "%s belongs to %s/%s, not %s/%s" % (source, data.get("role"), data.get("name"), role, name)
        )
    record = empty_record(role, name)
    for key in ("created", "existing", "units"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RecordError("%s: %s must be a list of strings" % (source, key))
        record[key] = list(value)
    account = data.get("account") or {}
    if not isinstance(account, dict):
        raise RecordError("%s: account must be a mapping" % source)
    for key in record["account"]:
        value = account.get(key)
        if value is not None and not isinstance(value, str):
            raise RecordError("%s: account.%s must be a name or null" % (source, key))
        record["account"][key] = value
    return record


def merge(record, paths=(), owned=(), units=(), account=None, exists=os.path.lexists):
    """The record after a deploy that creates or uses ``paths`` and writes ``owned``.

    A path the record already lists keeps its status. A new one is ``created`` when it does
    not exist yet (the role is about to create it) and ``existing`` when it does: the role
    uses it but never removes it. ``owned`` paths are named after the app in the role's own
    namespace (unit files, the vhost) and are always ``created``. ``account`` is a mapping
    with user, group, create_user and create_group.
    """
    new = {
        "version": RECORD_VERSION,
        "role": record["role"],
        "name": record["name"],
        "created": list(record["created"]),
        "existing": list(record["existing"]),
        "units": list(record["units"]),
        "account": dict(record["account"]),
    }
    for path in owned:
        path = normalize(path)
        if path in new["existing"]:
            new["existing"].remove(path)
        if path not in new["created"]:
            new["created"].append(path)
    for path in paths:
        path = normalize(path)
        if path in new["created"] or path in new["existing"]:
            continue
        (new["existing"] if exists(path) else new["created"]).append(path)
    for unit in units:
        if unit not in new["units"]:
            new["units"].append(unit)
    if account:
        acc = new["account"]
        acc["user"] = account.get("user") or acc["user"]
        acc["group"] = account.get("group") or acc["group"]
        if account.get("owned_user"):
            acc["created_user"] = account["user"]
        if account.get("owned_group"):
            acc["created_group"] = account["group"]
    return new


def dump(record):
    """The record as the file holds it (stable, so an unchanged record compares equal)."""
    return json.dumps(record, indent=2, sort_keys=True) + "\n"


def account_plan(app, user, group, use_existing, record, passwd, group_entry, reserved_users=(),
                 reserved_groups=()):
    """Whether the role creates the app's user and group, uses them as they are, or refuses.

    ``passwd`` and ``group_entry`` describe the accounts as the host has them now (mappings
    with name, uid or gid, and for the user home, shell, comment), or None when missing.
    Returns a mapping with create_user, create_group, owned_user, owned_group (the role made
    them for this app) and error (a message naming the variable, or None).
    """
    acc = record["account"]
    errors = []
    if user in reserved_users or (passwd is not None and passwd["uid"] == 0):
        errors.append(
            "gunicorn_user=%s is a privileged or shared account (root, the web server's user, nobody): "
            "an app never runs as it. gunicorn_user defaults to gunicorn_app_name (%s); set it to "
            "a name of its own." % (user, app)
        )
    if group in reserved_groups or (group_entry is not None and group_entry["gid"] == 0):
        errors.append(
            "gunicorn_group=%s is a privileged or shared group (root, the web server's group, nogroup): "
            "the app's code would be readable by others. gunicorn_group defaults to "
            "gunicorn_app_name (%s); set it to a name of its own." % (group, app)
        )
    legacy = (
        passwd is not None
        and acc["created_user"] is None
        and passwd.get("comment") == LEGACY_COMMENT % app
        and not errors
    )
    usable_user = passwd is None or acc["created_user"] == user or legacy
    usable_group = group_entry is None or acc["created_group"] == group or (
        legacy and group_entry is not None and group_entry["gid"] == passwd["gid"]
    )
    create_user = create_group = False
    if use_existing:
        if passwd is None:
            errors.append(
                "gunicorn_use_existing_account is true but the user gunicorn_user=%s does not exist "
                "on the host: create it first, or set gunicorn_use_existing_account to false so the "
                "role creates it." % user
            )
        if group_entry is None:
            errors.append(
                "gunicorn_use_existing_account is true but the group gunicorn_group=%s does not exist "
                "on the host: create it first, or set gunicorn_use_existing_account to false so the "
                "role creates it." % group
            )
    else:
        if not usable_user:
            errors.append(
                "gunicorn_user=%s is an account that already exists on the host (uid %s, home %s) and "
                "that this role did not create for the app %s: the role never changes or removes such "
                "an account. gunicorn_user defaults to gunicorn_app_name; set gunicorn_user and "
                "gunicorn_group to a new name (for example gu-%s), or set "
                "gunicorn_use_existing_account: true to run the app as that account, unchanged."
                % (user, passwd["uid"], passwd.get("home"), app, app)
            )
        if not usable_group:
            errors.append(
                "gunicorn_group=%s is a group that already exists on the host (gid %s) and that this "
                "role did not create for the app %s: the role never changes or removes such a group. "
                "gunicorn_group defaults to gunicorn_app_name; set it to a new name, or set "
                "gunicorn_use_existing_account: true to use that group, unchanged."
                % (group, group_entry["gid"], app)
            )
        create_user = passwd is None
        create_group = group_entry is None
    create_user = create_user and not errors
    create_group = create_group and not errors
    return {
        "create_user": create_user,
        "create_group": create_group,
        # the role made (or makes now) the account for this app: it may manage and remove it
        "owned_user": acc["created_user"] == user or legacy or create_user,
        "owned_group": acc["created_group"] == group or (legacy and usable_group) or create_group,
        "legacy": legacy,
        "error": " ".join(errors) or None,
    }


def is_removable(path):
    """Whether a recorded path may be removed at all (never /, a system directory, a relative one)."""
    if not isinstance(path, str) or not path.startswith("/"):
        return False
    path = os.path.normpath(path)
    return path not in SYSTEM_DIRS and path.count("/") >= 1 and path != "/"


def _inside(path, parent):
    return path != parent and path.startswith(parent.rstrip("/") + "/")


def removal_plan(record, others=()):
    """What a removal deletes: the created paths (deepest first), the units, and the user and
    group the role created, unless another app's record (``others``) uses them.

    A created path is kept when a path the record lists as existing lies inside it, or when
    it is not removable at all; ``kept`` says which and why.
    """
    kept = []
    paths = []
    for path in record["created"]:
        if not is_removable(path):
            kept.append({"path": path, "reason": "a system directory is never removed"})
            continue
        inner = [e for e in record["existing"] if _inside(os.path.normpath(e), os.path.normpath(path))]
        if inner:
            kept.append({"path": path, "reason": "holds %s, which existed before the app" % ", ".join(inner)})
            continue
        paths.append(os.path.normpath(path))
    paths.sort(key=lambda p: (-p.count("/"), p))
    acc = record["account"]
    used_users = set()
    used_groups = set()
    for other in others:
        oacc = other["account"]
        used_users.update(n for n in (oacc.get("user"), oacc.get("created_user")) if n)
        used_groups.update(n for n in (oacc.get("group"), oacc.get("created_group")) if n)
    user = acc["created_user"]
    group = acc["created_group"]
    if user and user in used_users:
        kept.append({"user": user, "reason": "another app runs as it"})
        user = None
    if group and group in used_groups:
        kept.append({"group": group, "reason": "another app uses it"})
        group = None
    return {"paths": paths, "units": list(record["units"]), "user": user, "group": group, "kept": kept}


def write_atomically(path, text, mode=0o644):
    """Replace ``path`` with ``text`` (mode 0644 unless told, root's), never leaving a
    half-written file."""
    directory = os.path.dirname(path)
    os.makedirs(directory, mode=0o755, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=directory, prefix=".record-")
    try:
        with os.fdopen(handle, "w") as out:
            out.write(text)
        os.chmod(tmp, mode)
        os.rename(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

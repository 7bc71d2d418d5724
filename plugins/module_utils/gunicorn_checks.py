# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""The gunicorn role's checks of its variables that meta/argument_specs.yml cannot express.

One function, called through the filter greenunicorn.gunicorn.gunicorn_checks by the role's
preflight (one assert instead of one task per check): it returns every problem, each message
naming the variables and what they got. Pure functions, no I/O but for os.path on the controller
(gunicorn_app_src is a directory there).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.check_helpers import as_int as _int, as_json as _j
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.worker_classes import settings as worker_settings

APP_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
ACCOUNT_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
ABSOLUTE_RE = re.compile(r"^/[^\s]+$")
DIR_RE = re.compile(r"^/[^\s]*[^\s/]$")
MODE_RE = re.compile(r"^0?[0-7]{3}$")
MODULE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.()]*)?$")
ENV_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SETTING_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
LISTEN_RE = re.compile(r"^(([0-9]{1,3}[.]){3}[0-9]{1,3}|\[[0-9A-Fa-f:.]+\]):([0-9]{1,5})$")


def check(v, cpus=1):
    """Every problem of the gunicorn role's variables `v` (a dict of gunicorn_* values)."""
    errors = []
    name = v.get("gunicorn_app_name")
    if not isinstance(name, str) or not APP_NAME_RE.match(name):
        errors.append(
            "gunicorn_app_name must be 1-40 characters of a-z, 0-9, '-' or '_' starting with a letter"
            " (got %s)." % _j(name))
    user, group = v.get("gunicorn_user"), v.get("gunicorn_group")
    if not all(isinstance(x, str) and ACCOUNT_RE.match(x) for x in (user, group)):
        errors.append(
            "gunicorn_user and gunicorn_group must be 1-32 characters of a-z, 0-9, '-' or '_', not starting"
            " with a digit or '-' (got user=%s, group=%s); both default to gunicorn_app_name, so set them"
            " when the app name is longer than 32 characters." % (_j(user), _j(group)))
    paths = dict((key, v.get(key) or "") for key in (
        "gunicorn_socket_path", "gunicorn_app_dir", "gunicorn_config_dir", "gunicorn_control_socket",
        "gunicorn_socket_mode", "gunicorn_state_dir", "gunicorn_static_dir", "gunicorn_log_dir"))
    rw_paths = v.get("gunicorn_read_write_paths") or []
    paths_ok = (
        ABSOLUTE_RE.match(paths["gunicorn_socket_path"])
        and DIR_RE.match(paths["gunicorn_app_dir"])
        and DIR_RE.match(paths["gunicorn_config_dir"])
        and (not paths["gunicorn_control_socket"] or ABSOLUTE_RE.match(paths["gunicorn_control_socket"]))
        and MODE_RE.match(str(paths["gunicorn_socket_mode"]))
        and all(isinstance(p, str) and ABSOLUTE_RE.match(p) for p in rw_paths)
        and (not paths["gunicorn_state_dir"] or DIR_RE.match(paths["gunicorn_state_dir"]))
        and (not paths["gunicorn_static_dir"] or DIR_RE.match(paths["gunicorn_static_dir"]))
        and DIR_RE.match(paths["gunicorn_log_dir"])
    )
    if not paths_ok:
        errors.append(
            "gunicorn_socket_path, gunicorn_app_dir, gunicorn_config_dir, gunicorn_control_socket,"
            " gunicorn_state_dir, gunicorn_static_dir, gunicorn_log_dir and each of gunicorn_read_write_paths"
            " must be absolute paths without spaces (other than /), and gunicorn_socket_mode an octal mode"
            " such as \"0660\" (got socket_path=%s, app_dir=%s, config_dir=%s, control_socket=%s,"
            " socket_mode=%s, state_dir=%s, static_dir=%s, log_dir=%s, read_write_paths=%s)." % (
                paths["gunicorn_socket_path"], paths["gunicorn_app_dir"], paths["gunicorn_config_dir"],
                paths["gunicorn_control_socket"], paths["gunicorn_socket_mode"], paths["gunicorn_state_dir"],
                paths["gunicorn_static_dir"], paths["gunicorn_log_dir"], _j(rw_paths)))
    if v.get("gunicorn_app_state", "present") != "present":
        return errors
    errors += _deploy_checks(v, cpus)
    return errors


def _deploy_checks(v, cpus):
    errors = []
    module = v.get("gunicorn_app_module") or ""
    if not MODULE_RE.match(module):
        errors.append("gunicorn_app_module must look like 'package.module:callable' (got %s)." % _j(module))
    src, repo, ref = v.get("gunicorn_app_src") or "", v.get("gunicorn_app_git_repo") or "", v.get("gunicorn_app_git_ref") or ""
    has_code = v.get("gunicorn_app_packages") or v.get("gunicorn_app_requirements_file") or src or repo
    if not has_code or (src and repo) or (repo and not ref):
        errors.append(
            "Set at least one of gunicorn_app_packages, gunicorn_app_requirements_file, gunicorn_app_src or"
            " gunicorn_app_git_repo so the role can install the code of '%s'; gunicorn_app_src and"
            " gunicorn_app_git_repo cannot both be set (got gunicorn_app_src=%s, gunicorn_app_git_repo=%s,"
            " gunicorn_app_git_ref=%s)." % (module, _j(src), _j(repo), _j(ref)))
    keep = _int(v.get("gunicorn_keep_releases"), 0)
    path = v.get("gunicorn_health_check_path") or ""
    status = v.get("gunicorn_health_check_status") or []
    timeout = _int(v.get("gunicorn_health_check_timeout"), 0)
    if (keep < 2 or not re.match(r"^/[^\s]*$", path) or not status
            or not all(100 <= (_int(s, 0)) <= 599 for s in status) or timeout < 1):
        errors.append(
            "gunicorn_keep_releases must be at least 2 (got %s), gunicorn_health_check_path a path starting"
            " with '/' (got %s), gunicorn_health_check_status a list of HTTP status codes (got %s) and"
            " gunicorn_health_check_timeout at least 1 (got %s)." % (
                v.get("gunicorn_keep_releases"), _j(path), _j(status), v.get("gunicorn_health_check_timeout")))
    listen = v.get("gunicorn_listen") or ""
    if listen:
        match = LISTEN_RE.match(listen)
        forwarded = (v.get("gunicorn_forwarded_allow_ips") or "").strip()
        proxies = v.get("gunicorn_proxy_allow_ips") or ""
        if (not match or not 1 <= int(match.group(3)) <= 65535 or not forwarded
                or "*" in forwarded or "*" in proxies):
            errors.append(
                "gunicorn_listen must be \"<IPv4 address>:<port>\" or \"[<IPv6 address>]:<port>\" (got %s), and"
                " with it gunicorn_forwarded_allow_ips and gunicorn_proxy_allow_ips must list the load balancers'"
                " addresses, never \"*\": the port is reachable from other hosts (got forwarded_allow_ips=%s,"
                " proxy_allow_ips=%s)." % (_j(listen), _j(v.get("gunicorn_forwarded_allow_ips")), _j(proxies)))
    if src and not os.path.isdir(os.path.realpath(src)):
        errors.append(
            "gunicorn_app_src is %s, which is not a directory on the controller (relative paths start from"
            " the current directory)." % _j(src))
    worker = worker_settings(
        v.get("gunicorn_worker_class"), version=v.get("gunicorn_version") or "", cpus=cpus,
        workers=v.get("gunicorn_workers"), threads=v.get("gunicorn_threads"),
        worker_connections=v.get("gunicorn_worker_connections"), keepalive=v.get("gunicorn_keepalive"),
        app_module=module, limit_nofile=v.get("gunicorn_limit_nofile"))
    errors += worker["errors"]
    for key in ("gunicorn_timeout", "gunicorn_graceful_timeout"):
        if _int(v.get(key), -1) < 0:
            errors.append("%s=%s: must be at least 0." % (key, v.get(key)))
    env, secret, extra = v.get("gunicorn_app_env") or {}, v.get("gunicorn_app_secret_env") or {}, v.get("gunicorn_extra_settings") or {}
    offending = ([k for k in env if not ENV_RE.match(str(k))] + [k for k in secret if not ENV_RE.match(str(k))]
                 + [k for k in env if k in secret] + [k for k in extra if not SETTING_RE.match(str(k))])
    if offending:
        errors.append(
            "gunicorn_app_env and gunicorn_app_secret_env keys must be environment variable names, each in one"
            " of the two only, and gunicorn_extra_settings keys gunicorn setting names (lower case identifiers);"
            " offending keys: %s." % _j(offending))
    hooks = v.get("gunicorn_deploy_hooks") or []
    names = [h.get("name") for h in hooks if isinstance(h, dict)]
    hooks_ok = (
        all(isinstance(h, dict) and h.get("name") is not None and h.get("command") is not None for h in hooks)
        and len(set(names)) == len(hooks)
        and all(str(h.get("command")).strip() for h in hooks if isinstance(h, dict))
        and all(h.get("run", "once") in ("once", "always") for h in hooks if isinstance(h, dict))
    )
    if not hooks_ok or _int(v.get("gunicorn_logrotate_keep"), 0) < 1:
        errors.append(
            "Each of gunicorn_deploy_hooks needs its own name and a non-empty command, and run is once or always"
            " (got %s); gunicorn_logrotate_keep must be at least 1 (got %s)." % (
                _j(hooks), v.get("gunicorn_logrotate_keep")))
    return errors

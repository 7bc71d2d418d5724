# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""The nginx_proxy role's checks of its variables that meta/argument_specs.yml cannot express.

Called through the filter greenunicorn.gunicorn.nginx_proxy_checks by the role's preflight, in
one task: every problem, each message naming the variables and what they got. The checks that
need the inventory (nginx_proxy_upstream_group) or the target (TLS files) stay in the role.
Pure functions, no I/O.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.check_helpers import as_int as _int, as_json as _j
from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.worker_classes import NGINX_FILES_MARGIN

APP_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
SERVER_NAME_RE = re.compile(r"^[A-Za-z0-9*._ -]*$")
UPSTREAM_RE = re.compile(r"^(unix:/[^\s;{}]+|[A-Za-z0-9.\[\]:_-]+:[0-9]+)$")
SIZE_RE = re.compile(r"^[0-9]+[kKmMgG]?$")
LOG_RE = re.compile(r"^/[^\s;{}]+$")
STATIC_PATH_RE = re.compile(r"^/([^\s;{}]*/)?$")
STATIC_ALIAS_RE = re.compile(r"^/[^\s;{}]*/$")
EXPIRES_RE = re.compile(r"^(max|off|epoch|-?[0-9]+[smhdwMy]?)$")
STATIC_KEYS = ("path", "alias", "expires", "immutable")
MIME_RE = re.compile(r"^[a-z0-9.+-]+/[a-z0-9.+*-]+$")
CIPHERS_RE = re.compile(r"^[A-Za-z0-9:+!@=_.-]+$")
RESOLVER_RE = re.compile(r"^[A-Za-z0-9.:-]+$")


def _port(value):
    return 0 < (_int(value, 0)) < 65536


def _match(regex, value):
    return isinstance(value, str) and regex.match(value) is not None


def check(v):
    """Every problem of the nginx_proxy role's variables `v` (a dict of nginx_proxy_* values)."""
    errors = []
    access_log, error_log = v.get("nginx_proxy_access_log") or "", v.get("nginx_proxy_error_log") or ""
    if not (_match(APP_NAME_RE, v.get("nginx_proxy_app_name"))
            and _match(SERVER_NAME_RE, v.get("nginx_proxy_server_name") or "")
            and _match(UPSTREAM_RE, v.get("nginx_proxy_upstream"))
            and _port(v.get("nginx_proxy_listen_port"))
            and _match(SIZE_RE, str(v.get("nginx_proxy_client_max_body_size")))
            and (not access_log or _match(LOG_RE, access_log))
            and (not error_log or _match(LOG_RE, error_log))):
        errors.append(
            "nginx_proxy_app_name must be 1-40 characters of a-z, 0-9, '-' or '_' starting with a letter"
            " (got %s); nginx_proxy_server_name host names separated by spaces (got %s); nginx_proxy_upstream"
            " 'unix:/path' or 'host:port' (got %s); nginx_proxy_listen_port 1-65535 (got %s);"
            " nginx_proxy_client_max_body_size a size such as 10m (got %s); nginx_proxy_access_log and"
            " nginx_proxy_error_log absolute paths or empty (got %s, %s)." % (
                _j(v.get("nginx_proxy_app_name")), _j(v.get("nginx_proxy_server_name")), _j(v.get("nginx_proxy_upstream")),
                v.get("nginx_proxy_listen_port"), _j(v.get("nginx_proxy_client_max_body_size")), _j(access_log), _j(error_log)))
    bad_static = [loc for loc in (v.get("nginx_proxy_static_locations") or []) if not _static_ok(loc)]
    if bad_static:
        errors.append(
            "Each entry of nginx_proxy_static_locations needs 'path' (a URL prefix starting and ending with /)"
            " and 'alias' (an absolute directory ending with /), and may have 'expires' (such as 7d or max) and"
            " 'immutable' (true or false), nothing else; these do not: %s" % _j(bad_static))
    keepalive = v.get("nginx_proxy_upstream_keepalive")
    csp = v.get("nginx_proxy_content_security_policy") or ""
    gzip_types = v.get("nginx_proxy_gzip_types") or []
    if not ((keepalive is None or keepalive == "None" or _int(keepalive, -1) >= 0)
            and _int(v.get("nginx_proxy_upstream_keepalive_timeout"), 0) > 0
            and re.match(r"^[a-z-]*$", v.get("nginx_proxy_referrer_policy") or "")
            and not re.search(r'["\\${}\n]', csp)
            and all(_match(MIME_RE, t) for t in gzip_types)
            and re.match(r"^([0-9]+r/[sm])?$", v.get("nginx_proxy_limit_req_rate") or "")
            and all(_int(v.get(k), 0) >= 0 for k in (
                "nginx_proxy_limit_req_burst", "nginx_proxy_limit_conn", "nginx_proxy_worker_rlimit_nofile",
                "nginx_proxy_worker_connections"))
            and re.match(r"^(/[^\s;{}]*)?$", v.get("nginx_proxy_acme_webroot") or "")):
        errors.append(
            "nginx_proxy_upstream_keepalive must be null or >= 0 (got %s); nginx_proxy_upstream_keepalive_timeout"
            " > 0 (got %s); nginx_proxy_referrer_policy a policy such as strict-origin-when-cross-origin (got %s);"
            " nginx_proxy_content_security_policy without double quotes, backslashes, '$', braces or newlines"
            " (got %s); nginx_proxy_gzip_types MIME types (got %s); nginx_proxy_limit_req_rate empty or like"
            " 10r/s or 600r/m (got %s); nginx_proxy_limit_req_burst, nginx_proxy_limit_conn,"
            " nginx_proxy_worker_rlimit_nofile and nginx_proxy_worker_connections >= 0; nginx_proxy_acme_webroot empty or an absolute directory"
            " (got %s)." % (
                _j(keepalive), v.get("nginx_proxy_upstream_keepalive_timeout"), _j(v.get("nginx_proxy_referrer_policy")),
                _j(csp), _j(gzip_types), _j(v.get("nginx_proxy_limit_req_rate")), _j(v.get("nginx_proxy_acme_webroot"))))
    limits = v.get("__nginx_proxy_limits") or {}
    connections, files = _int(limits.get("worker_connections"), 0), _int(limits.get("worker_rlimit_nofile"), 0)
    if connections > 0 and 0 < files < connections + NGINX_FILES_MARGIN:
        errors.append(
            "nginx_proxy_worker_rlimit_nofile=%s is too low for nginx_proxy_worker_connections=%s: each connection"
            " is a file of the nginx worker, and logs and temporary files need more; give at least %d, or null"
            " to derive it." % (files, connections, connections + NGINX_FILES_MARGIN))
    if v.get("nginx_proxy_tls"):
        errors += _tls_checks(v)
    return errors


def _static_ok(location):
    if not isinstance(location, dict) or "path" not in location or "alias" not in location:
        return False
    if set(location) - set(STATIC_KEYS):
        return False
    if not _match(STATIC_PATH_RE, location["path"]) or not _match(STATIC_ALIAS_RE, location["alias"]):
        return False
    if "expires" in location and not _match(EXPIRES_RE, str(location["expires"])):
        return False
    if "immutable" in location and not isinstance(location["immutable"], bool):
        return False
    return True


def _tls_checks(v):
    cert, key, chain = (v.get("nginx_proxy_tls_certificate") or "", v.get("nginx_proxy_tls_certificate_key") or "",
                        v.get("nginx_proxy_tls_chain") or "")
    resolvers = v.get("nginx_proxy_tls_resolvers") or []
    if (_port(v.get("nginx_proxy_tls_port"))
            and _int(v.get("nginx_proxy_tls_port")) != _int(v.get("nginx_proxy_listen_port"))
            and bool(cert) == bool(key)
            and (not chain or cert)
            and _match(CIPHERS_RE, v.get("nginx_proxy_tls_ciphers"))
            and _int(v.get("nginx_proxy_hsts_max_age"), -1) >= 0
            and all(_match(RESOLVER_RE, r) for r in resolvers)):
        return []
    return [
        "nginx_proxy_tls_port must be 1-65535 and differ from nginx_proxy_listen_port (got %s and %s);"
        " nginx_proxy_tls_certificate and nginx_proxy_tls_certificate_key go together (got %s and %s);"
        " nginx_proxy_tls_chain needs a certificate; nginx_proxy_tls_ciphers an OpenSSL cipher list without"
        " spaces (got %s); nginx_proxy_hsts_max_age >= 0 (got %s); nginx_proxy_tls_resolvers addresses or"
        " host names (got %s)." % (
            v.get("nginx_proxy_tls_port"), v.get("nginx_proxy_listen_port"), _j(cert), _j(key),
            _j(v.get("nginx_proxy_tls_ciphers")), v.get("nginx_proxy_hsts_max_age"), _j(resolvers))]

# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""What each gunicorn worker class means, in one table, and the settings derived from it.

Read by the gunicorn role (through the filter greenunicorn.gunicorn.worker_settings: the
packages, the gunicorn version, the tuning of every setting left null, the control socket),
by the nginx_proxy role (the upstream keep-alive default) and by hack/check-argspecs.py (the
choices of gunicorn_worker_class and nginx_proxy_app_worker_class are the table's keys).

Pure functions, no I/O.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

# The gunicorn a deployment gets when gunicorn_version is empty (per class: see default_version).
DEFAULT_GUNICORN_VERSION = "27.0.1"
# The newest release that still has the eventlet worker (removed in gunicorn 26).
EVENTLET_GUNICORN_VERSION = "25.3.0"

# For each class:
#   interface        what the app must be: wsgi, asgi, or tornado (a WSGI app or a native one)
#   gunicorn_class   gunicorn's worker_class value
#   extra            the gunicorn extra that pins compatible versions of the class's library
#   packages         other pip requirements (see options_packages for those set by options)
#   min_version      lowest gunicorn that has the class (inclusive), or None
#   below_version    first gunicorn that no longer has it (exclusive), or None
#   default_version  the gunicorn installed when gunicorn_version is empty
#   workers          (per CPU, plus): workers = cpus * per_cpu + plus
#   threads, worker_connections, keepalive: the tuning of a null setting
#   control_socket   whether gunicorn's control socket can be used (eventlet's patched threads
#                    cannot join its thread at shutdown: the master exits 1 on every stop, seen
#                    with gunicorn 25.3 on Python 3.13)
#   upstream_keepalive  idle connections nginx keeps to the app (sync closes each connection)
#   concurrency      what bounds the requests served at once per worker
#   collection_worker  a worker class of the collection's own that gunicorn.conf.py defines
#                    and uses instead of gunicorn_class (file in roles/gunicorn/files/, class
#                    name), or None; asgi: gunicorn's asgi worker calls create_server(sock=...)
#                    without a backlog, so asyncio listen()s again with 100 and shrinks the
#                    queue the socket unit gave the socket (Backlog=) to 100
WORKER_CLASSES = {
    "sync": dict(
        interface="wsgi", gunicorn_class="sync", extra="", packages=[],
        min_version=None, below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(2, 1), threads=1, worker_connections=1000, keepalive=2,
        control_socket=True, upstream_keepalive=0, concurrency="one request", collection_worker=None,
    ),
    "gthread": dict(
        interface="wsgi", gunicorn_class="gthread", extra="", packages=[],
        min_version=None, below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(2, 0), threads=4, worker_connections=1000, keepalive=5,
        control_socket=True, upstream_keepalive=16, concurrency="threads", collection_worker=None,
    ),
    "gevent": dict(
        interface="wsgi", gunicorn_class="gevent", extra="[gevent]", packages=["gevent>=24.10.1"],
        min_version=None, below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(1, 0), threads=1, worker_connections=1000, keepalive=5,
        control_socket=True, upstream_keepalive=16, concurrency="worker_connections", collection_worker=None,
    ),
    "eventlet": dict(
        interface="wsgi", gunicorn_class="eventlet", extra="", packages=["eventlet>=0.40.3"],
        min_version=None, below_version="26", default_version=EVENTLET_GUNICORN_VERSION,
        workers=(1, 0), threads=1, worker_connections=1000, keepalive=5,
        control_socket=False, upstream_keepalive=16, concurrency="worker_connections", collection_worker=None,
    ),
    "tornado": dict(
        interface="tornado", gunicorn_class="tornado", extra="[tornado]", packages=[],
        min_version=None, below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(1, 0), threads=1, worker_connections=1000, keepalive=5,
        control_socket=True, upstream_keepalive=16, concurrency="worker_connections", collection_worker=None,
    ),
    "asgi": dict(
        interface="asgi", gunicorn_class="asgi", extra="", packages=[],
        min_version="24", below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(1, 0), threads=1, worker_connections=1000, keepalive=5,
        control_socket=True, upstream_keepalive=16, concurrency="worker_connections",
        collection_worker=dict(file="asgi_keep_backlog.py", name="ASGIWorker"),
    ),
    "uvicorn": dict(
        interface="asgi", gunicorn_class="uvicorn_worker.UvicornWorker", extra="",
        packages=["uvicorn-worker>=0.4.0"],
        min_version=None, below_version=None, default_version=DEFAULT_GUNICORN_VERSION,
        workers=(1, 0), threads=1, worker_connections=1000, keepalive=5,
        control_socket=True, upstream_keepalive=16, concurrency="worker_connections", collection_worker=None,
    ),
}

VERSION_RE = re.compile(r"^[0-9]+(\.[0-9]+){0,2}([a-z]+[0-9]+)?$")
# The module names frameworks generate for each interface (Django: <project>/wsgi.py and asgi.py):
# the only way the role can tell a WSGI module from an ASGI one; other names pass.
MODULE_INTERFACES = ("wsgi", "asgi")


def version_key(version):
    """A comparable key of a plain release number: "25.3.0" -> (25, 3, 0); "26" -> (26, 0, 0)."""
    numbers = re.match(r"^[0-9]+(\.[0-9]+){0,2}", version).group(0).split(".")
    numbers = [int(n) for n in numbers] + [0] * (3 - len(numbers))
    return tuple(numbers)


# File descriptors a gunicorn unit gets besides two per request served at once (the client's
# connection, and one more the request may open: a database, a file, an upstream API): the
# listening and control sockets, worker heartbeat files, pipes, the interpreter's own files,
# the app's imports and logs.
FILES_BASE = 256
# The least limit accepted when given: one per request served at once, plus this.
FILES_MARGIN = 64
# Linux's default soft limit (systemd's DefaultLimitNOFILE): never derived lower than this.
FILES_FLOOR = 1024


def _given(value):
    """Whether a setting was given: null, empty, or "None" (a null passed through a template on
    ansible-core < 2.19, which has no native types) is not."""
    return not (value is None or value == "" or value == "None")


def _in_1024s(wanted):
    """`wanted` rounded up to a multiple of 1024."""
    return -(-wanted // 1024) * 1024


def requests_at_once(name, workers, threads, worker_connections):
    """The requests one gunicorn unit serves at once: what bounds them is the class's concurrency."""
    bound = WORKER_CLASSES[name]["concurrency"]
    per_worker = {"one request": 1, "threads": threads}.get(bound, worker_connections)
    return workers * per_worker


def files_needed(name, workers, threads, worker_connections):
    """The unit's file-descriptor limit (LimitNOFILE=) derived from the class and its tuning.

    Two descriptors per request served at once and one per worker for the master's and the
    worker's ends of its heartbeat file, plus FILES_BASE, rounded up to a multiple of 1024 and
    never below FILES_FLOOR.
    """
    wanted = 2 * requests_at_once(name, workers, threads, worker_connections) + 2 * workers + FILES_BASE
    return max(FILES_FLOOR, _in_1024s(wanted))


def options_packages(name, asgi_loop="auto", uvicorn_standard=False):
    """Pip requirements that the class needs because of an option."""
    if name == "asgi" and asgi_loop == "uvloop":
        return ["uvloop>=0.19.0"]
    if name == "uvicorn" and uvicorn_standard:
        return ["uvicorn[standard]"]
    return []


def settings(name, version="", cpus=1, workers=None, threads=None, worker_connections=None,
             keepalive=None, control_socket="", asgi_loop="auto", uvicorn_standard=False,
             app_module="", limit_nofile=None):
    """The effective settings of worker class `name`.

    Returns a dict: the table's row under ``row``, the gunicorn version, the pip requirements of
    the server, the tuned workers/threads/worker_connections/keepalive, the unit's file-descriptor
    limit (``limit_nofile``: given, or derived by files_needed), the control socket path ('' when
    disabled), and ``errors``: messages naming the variables, empty when all fits.
    """
    if name not in WORKER_CLASSES:
        raise ValueError(
            "gunicorn_worker_class must be one of %s (got %s)" % (", ".join(sorted(WORKER_CLASSES)), json.dumps(name))
        )
    row = WORKER_CLASSES[name]
    errors = []
    version = (version or "").strip()
    chosen = version or row["default_version"]
    if not VERSION_RE.match(chosen):
        errors.append(
            "gunicorn_version=%s is not a plain release number such as %s." % (json.dumps(version), DEFAULT_GUNICORN_VERSION)
        )
    else:
        if row["below_version"] and version_key(chosen) >= version_key(row["below_version"]):
            errors.append(
                "gunicorn_version=%s does not fit gunicorn_worker_class=%s: the %s worker exists only in"
                " gunicorn < %s (leave gunicorn_version empty to get %s)."
                % (json.dumps(version), json.dumps(name), name, row["below_version"], row["default_version"])
            )
        if row["min_version"] and version_key(chosen) < version_key(row["min_version"]):
            errors.append(
                "gunicorn_version=%s does not fit gunicorn_worker_class=%s: the %s worker exists only in"
                " gunicorn >= %s." % (json.dumps(version), json.dumps(name), name, row["min_version"])
            )
    cpus = max(int(cpus or 1), 1)
    per_cpu, plus = row["workers"]
    tuned = dict(
        workers=cpus * per_cpu + plus,
        threads=row["threads"],
        worker_connections=row["worker_connections"],
        keepalive=row["keepalive"],
    )
    given = dict(workers=workers, threads=threads, worker_connections=worker_connections, keepalive=keepalive)
    minimum = dict(workers=1, threads=1, worker_connections=1, keepalive=0)
    effective = {}
    for key, value in given.items():
        if not _given(value):
            effective[key] = tuned[key]
            continue
        try:
            effective[key] = int(value)
        except (TypeError, ValueError):
            errors.append("gunicorn_%s=%s: must be an integer, or null to tune it." % (key, value))
            effective[key] = tuned[key]
            continue
        if effective[key] < minimum[key]:
            errors.append("gunicorn_%s=%s: must be at least %d, or null to tune it." % (key, value, minimum[key]))
    if effective["threads"] > 1 and name != "gthread":
        errors.append(
            "gunicorn_threads=%s: threads per worker above 1 only with gunicorn_worker_class=gthread (got %s)."
            % (threads, json.dumps(name))
        )
    at_once = requests_at_once(name, effective["workers"], effective["threads"], effective["worker_connections"])
    derived = files_needed(name, effective["workers"], effective["threads"], effective["worker_connections"])
    if not _given(limit_nofile):
        effective["limit_nofile"] = derived
    else:
        try:
            effective["limit_nofile"] = int(limit_nofile)
        except (TypeError, ValueError):
            errors.append("gunicorn_limit_nofile=%s: must be an integer, or null to derive it." % (limit_nofile,))
            effective["limit_nofile"] = derived
        else:
            if effective["limit_nofile"] < at_once + FILES_MARGIN:
                errors.append(
                    "gunicorn_limit_nofile=%s: too low for %d requests at once (%d workers of class %s); give"
                    " at least %d, or null to derive it (%d)."
                    % (limit_nofile, at_once, effective["workers"], name, at_once + FILES_MARGIN, derived))
    # a tornado worker serves WSGI apps and native tornado ones: any module name passes
    leaf = (app_module or "").split(":")[0].split(".")[-1]
    if leaf in MODULE_INTERFACES and row["interface"] in MODULE_INTERFACES and leaf != row["interface"]:
        errors.append(
            "gunicorn_app_module=%s is a %s module but gunicorn_worker_class=%s serves %s apps."
            % (json.dumps(app_module), leaf.upper(), json.dumps(name), row["interface"].upper())
        )
    packages = ["gunicorn%s==%s" % (row["extra"], chosen)] + list(row["packages"])
    packages += options_packages(name, asgi_loop, uvicorn_standard)
    result = dict(
        name=name,
        row=dict(row),
        worker_class=row["gunicorn_class"],
        interface=row["interface"],
        version=chosen,
        version_given=bool(version),
        packages=packages,
        control_socket=(control_socket or "") if row["control_socket"] else "",
        upstream_keepalive=row["upstream_keepalive"],
        requests_at_once=at_once,
        errors=errors,
    )
    result.update(effective)
    return result


# nginx in front of the apps of a host: each request in progress holds two connections of an
# nginx worker (the client's and the app's), each idle upstream connection kept alive one, and
# clients waiting on keep-alive, static files and the health checks some more (the base).
NGINX_CONNECTIONS_BASE = 512
# Never derived below this (Debian's nginx.conf has 768).
NGINX_CONNECTIONS_FLOOR = 1024
# worker_rlimit_nofile: at least one file per connection and this many more (logs, temporary
# files, the listening sockets).
NGINX_FILES_MARGIN = 256
# worker_rlimit_nofile: two files per connection (a proxied response may be buffered to a
# temporary file), never below the role's earlier fixed value.
NGINX_RLIMIT_FLOOR = 4096


def _ints(values):
    """The values that are integers; the others are the argument specs' and preflight's to refuse."""
    found = []
    for value in values:
        try:
            found.append(int(value))
        except (TypeError, ValueError):
            pass
    return found


def nginx_limits(apps, cpus=1, ceiling=None):
    """nginx's worker_connections and worker_rlimit_nofile for the apps behind one nginx.

    `apps`: dicts with the keys of the roles' variables an app may set: gunicorn_worker_class
    (or nginx_proxy_app_worker_class), gunicorn_workers, gunicorn_threads,
    gunicorn_worker_connections, nginx_proxy_upstream_keepalive, gunicorn_app_state, and the two
    limits themselves (nginx_proxy_worker_connections, nginx_proxy_worker_rlimit_nofile).

    A limit given by any app wins (the largest given; 0 leaves nginx's own). Otherwise
    worker_connections is two per request the apps serve at once (an nginx worker may get them
    all) plus each app's idle upstream connections plus NGINX_CONNECTIONS_BASE, rounded up to a
    multiple of 1024, at least 1024; worker_rlimit_nofile twice that, at least 4096, and no more
    than `ceiling` (the files the host lets nginx open) when it is known. Apps to remove count for
    nothing. Returns a dict with both, ``needs`` (connections per app) and ``given`` (the values
    the apps gave, None where none did).
    """
    needs = {}
    for app in apps:
        if (app.get("gunicorn_app_state") or "present") != "present":
            continue
        name = app.get("nginx_proxy_app_worker_class") or app.get("gunicorn_worker_class") or "sync"
        if name not in WORKER_CLASSES:
            continue  # preflight names the variable
        tuned = settings(name, cpus=cpus, workers=app.get("gunicorn_workers"), threads=app.get("gunicorn_threads"),
                         worker_connections=app.get("gunicorn_worker_connections"))
        keepalive = app.get("nginx_proxy_upstream_keepalive")
        try:
            keepalive = int(keepalive) if _given(keepalive) else tuned["upstream_keepalive"]
        except (TypeError, ValueError):
            keepalive = tuned["upstream_keepalive"]  # preflight names the variable
        needs[app.get("gunicorn_app_name") or app.get("nginx_proxy_app_name") or name] = (
            2 * tuned["requests_at_once"] + keepalive)
    wanted = sum(needs.values()) + NGINX_CONNECTIONS_BASE
    result = dict(
        worker_connections=max(NGINX_CONNECTIONS_FLOOR, _in_1024s(wanted)),
        needs=needs,
    )
    result["given"] = {}
    for key in ("worker_connections", "worker_rlimit_nofile"):
        given = _ints(app.get("nginx_proxy_" + key) for app in apps if _given(app.get("nginx_proxy_" + key)))
        result["given"][key] = max(given) if given else None
    if result["given"]["worker_connections"] is not None:
        result["worker_connections"] = result["given"]["worker_connections"]
    if result["given"]["worker_rlimit_nofile"] is not None:
        result["worker_rlimit_nofile"] = result["given"]["worker_rlimit_nofile"]
    else:
        files = max(NGINX_RLIMIT_FLOOR, 2 * result["worker_connections"])
        ceiling = _ints([ceiling]) if _given(ceiling) else []
        result["worker_rlimit_nofile"] = min(files, ceiling[0]) if ceiling and ceiling[0] > 0 else files
    return result

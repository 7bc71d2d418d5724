"""WSGI app used by the demo and the Molecule scenarios.

GET /          "Hello from <GUDEMO_NAME>: <GUDEMO_GREETING>"
GET /headers   JSON: the proxy headers and the WSGI values gunicorn derived from them
GET /sleep     sleeps ?s= seconds (default 1), then answers; for concurrency tests
GET /whoami    JSON: pid, parent pid, user, the gunicorn worker class alive in this process
GET /own-headers  an answer with the app's own X-Frame-Options: DENY
GET /conn      JSON: how many requests this connection to gunicorn has carried, this one
               included (above 1 when the proxy keeps its connections to the app open)
GET /release   the release's name: the first line of gudemo/release.txt, "v1" without one
GET /health    "ok", or 500 when the release is named "unhealthy"
GET /hostname  "<host name> <release>": which app host of a cluster answered, with what

A release named "raise-at-import" raises while this module is imported (the resilience
scenario deploys such releases to prove they never go live).
"""
import json
import os
import pwd
import socket
import time
import weakref
from urllib.parse import parse_qs

from gudemo import worker


def _release_name():
    path = os.path.join(os.path.dirname(__file__), "release.txt")
    if not os.path.exists(path):
        return "v1"
    with open(path, encoding="utf-8") as handle:
        return handle.readline().strip()


RELEASE = _release_name()
if RELEASE == "raise-at-import":
    raise RuntimeError("gudemo release 'raise-at-import' refuses to import")

# requests seen per client connection (gunicorn passes the socket in the environ)
_REQUESTS_PER_CONNECTION = weakref.WeakKeyDictionary()


def _json(start_response, payload, status="200 OK"):
    body = (json.dumps(payload, sort_keys=True) + "\n").encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body)))])
    return [body]


def _text(start_response, text, status="200 OK"):
    body = text.encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"),
                            ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        name = os.environ.get("GUDEMO_NAME", "gudemo")
        greeting = os.environ.get("GUDEMO_GREETING", "hello")
        return _text(start_response, f"Hello from {name}: {greeting}\n")
    if path == "/headers":
        keys = ["HTTP_HOST", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO",
                "HTTP_X_FORWARDED_HOST", "REMOTE_ADDR", "wsgi.url_scheme"]
        return _json(start_response, {key: environ.get(key) for key in keys})
    if path == "/sleep":
        seconds = float(parse_qs(environ.get("QUERY_STRING", "")).get("s", ["1"])[0])
        time.sleep(min(seconds, 30.0))
        return _text(start_response, f"slept {seconds}\n")
    if path == "/whoami":
        info = worker.describe()
        info["user"] = pwd.getpwuid(os.getuid()).pw_name
        return _json(start_response, info)
    if path == "/own-headers":
        start_response("200 OK", [("Content-Type", "text/plain"), ("X-Frame-Options", "DENY")])
        return [b"own headers\n"]
    if path == "/conn":
        conn = environ["gunicorn.socket"]
        count = _REQUESTS_PER_CONNECTION.get(conn, 0) + 1
        _REQUESTS_PER_CONNECTION[conn] = count
        return _json(start_response, {"pid": os.getpid(), "requests_on_connection": count})
    if path == "/release":
        return _text(start_response, RELEASE + "\n")
    if path == "/hostname":
        return _text(start_response, f"{socket.gethostname()} {RELEASE}\n")
    if path == "/health":
        if RELEASE == "unhealthy":
            return _text(start_response, "unhealthy release\n", status="500 Internal Server Error")
        return _text(start_response, "ok\n")
    return _text(start_response, "not found\n", status="404 Not Found")

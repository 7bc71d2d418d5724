"""WSGI form of the benchmark app (sync, gthread, gevent, eventlet)."""
import time

from benchapp import BIG, HELLO, HOLD_SECONDS, IO_SECONDS, burn


def _answer(start_response, body, status="200 OK"):
    start_response(status, [("Content-Type", "application/octet-stream"),
                            ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/hello":
        return _answer(start_response, HELLO)
    if path == "/io":
        time.sleep(IO_SECONDS)
        return _answer(start_response, HELLO)
    if path == "/hold":
        time.sleep(HOLD_SECONDS)
        return _answer(start_response, HELLO)
    if path == "/cpu":
        return _answer(start_response, burn())
    if path == "/big":
        return _answer(start_response, BIG)
    return _answer(start_response, b"not found\n", "404 Not Found")

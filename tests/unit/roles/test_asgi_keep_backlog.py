"""roles/gunicorn/files/asgi_keep_backlog.py: gunicorn's asgi worker keeping the socket's backlog.

The file is inlined into gunicorn.conf.py; here it runs against a stand-in for gunicorn's
gunicorn.workers.gasgi module (a worker whose run() serves its sockets with the loop's
create_server(sock=...), as gunicorn's does), with a real asyncio loop and a real listening
socket. The workers scenario checks the queue of the real socket on the host (ss -xl).
"""
import asyncio
import os
import socket
import sys
import types

import pytest

FILE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "gunicorn", "files", "asgi_keep_backlog.py")


class _StandInASGIWorker:
    """What the collection's class relies on in gunicorn's: self.loop, self.cfg.backlog, run()."""

    def __init__(self, loop, backlog, sockets, pass_backlog=None):
        self.loop = loop
        self.cfg = types.SimpleNamespace(backlog=backlog)
        self.sockets = sockets
        self.pass_backlog = pass_backlog
        self.servers = []

    async def _serve(self):
        for sock in self.sockets:
            kwargs = dict(sock=sock, reuse_address=True, start_serving=True)
            if self.pass_backlog is not None:
                kwargs["backlog"] = self.pass_backlog
            self.servers.append(await self.loop.create_server(asyncio.Protocol, **kwargs))

    def run(self):
        self.loop.run_until_complete(self._serve())
        for server in self.servers:
            server.close()


@pytest.fixture
def module(monkeypatch):
    gasgi = types.ModuleType("gunicorn.workers.gasgi")
    gasgi.ASGIWorker = _StandInASGIWorker
    monkeypatch.setitem(sys.modules, "gunicorn", types.ModuleType("gunicorn"))
    monkeypatch.setitem(sys.modules, "gunicorn.workers", types.ModuleType("gunicorn.workers"))
    monkeypatch.setitem(sys.modules, "gunicorn.workers.gasgi", gasgi)
    namespace = {"__name__": "__config__"}
    with open(FILE) as handle:
        exec(compile(handle.read(), FILE, "exec"), namespace)  # as gunicorn runs its config file
    return types.SimpleNamespace(**namespace)


class _RecordingSocket:
    """A listening socket whose listen() calls are recorded (socket.socket's are read-only)."""

    def __init__(self, sock):
        self._sock = sock
        self.listens = []

    def listen(self, backlog):
        self.listens.append(backlog)
        self._sock.listen(backlog)

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _listening_socket():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def _serve(worker_class, backlog, pass_backlog=None):
    loop = asyncio.new_event_loop()
    sock = _listening_socket()
    listens = []
    real = loop.create_server

    async def recording_create_server(*args, **kwargs):
        # asyncio's create_server(sock=...) calls sock.listen(backlog) when serving starts
        listens.append(kwargs.get("backlog", 100))
        return await real(*args, **kwargs)

    loop.create_server = recording_create_server
    try:
        worker = worker_class(loop, backlog, [sock], pass_backlog=pass_backlog)
        worker.run()
    finally:
        loop.close()
        sock.close()
    return worker, listens


def test_gunicorn_s_worker_lets_asyncio_shrink_the_queue_to_100(module):
    # the bug the class works around, as the stand-in reproduces it
    dummy, listens = _serve(_StandInASGIWorker, 2048)
    assert listens == [100]


def test_the_collection_s_worker_listens_with_gunicorn_s_backlog(module):
    worker, listens = _serve(module.ASGIWorker, 2048)
    assert listens == [2048]
    assert len(worker.servers) == 1


def test_a_backlog_gunicorn_passes_itself_is_kept(module):
    # a later gunicorn that passes a backlog: the class does not override it
    dummy, listens = _serve(module.ASGIWorker, 2048, pass_backlog=512)
    assert listens == [512]


def test_the_class_keeps_gunicorn_s_name_and_is_a_subclass(module):
    assert module.ASGIWorker.__name__ == "ASGIWorker"
    assert issubclass(module.ASGIWorker, _StandInASGIWorker)


def test_asyncio_listens_with_the_backlog(module, monkeypatch):
    # no recording in the loop: asyncio's own create_server, and the listen() it calls on the socket
    seen = []
    real_listen = socket.socket.listen

    def listen(self, *args):
        seen.append(args[0] if args else None)
        return real_listen(self, *args)

    monkeypatch.setattr(socket.socket, "listen", listen)
    loop = asyncio.new_event_loop()
    ours, gunicorns = _listening_socket(), _listening_socket()
    seen.clear()
    try:
        module.ASGIWorker(loop, 1536, [ours]).run()
        _StandInASGIWorker(loop, 1536, [gunicorns]).run()
    finally:
        loop.close()
        ours.close()
        gunicorns.close()
    assert seen == [1536, 100]


def test_run_twice_does_not_wrap_the_loop_twice(module):
    loop = asyncio.new_event_loop()
    try:
        worker = module.ASGIWorker(loop, 2048, [])
        worker.run()
        first = worker.loop
        worker.run()
        assert worker.loop is first
        assert worker.loop._loop is loop
    finally:
        loop.close()

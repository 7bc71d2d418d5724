# gunicorn's native asgi worker, keeping the listening socket's queue.
#
# gunicorn's ASGIWorker (gunicorn/workers/gasgi.py, 24 to 27.0.1 at least) serves each
# inherited socket with loop.create_server(sock=...) and no backlog, and asyncio then calls
# listen(100) on it: the queue that the socket unit gave the socket (Backlog=, 2048 by default)
# shrinks to 100 for every process that holds it, and nginx gets "connect() ... failed (11:
# Resource temporarily unavailable)" as soon as more than 100 connections wait. This subclass
# passes gunicorn's `backlog` setting to create_server when gunicorn gives none (the role sets
# `backlog` to gunicorn_socket_backlog). Inlined into gunicorn.conf.py by the gunicorn role when
# gunicorn_worker_class is asgi; the class keeps gunicorn's name, ASGIWorker.
from gunicorn.workers.gasgi import ASGIWorker as _GunicornASGIWorker


class _LoopKeepingBacklog:
    """The worker's event loop, with create_server(sock=...) given a backlog when it has none."""

    def __init__(self, loop, backlog):
        self._loop = loop
        self._backlog = backlog

    def __getattr__(self, name):
        return getattr(self._loop, name)

    async def create_server(self, *args, **kwargs):
        if kwargs.get("sock") is not None and "backlog" not in kwargs:
            kwargs["backlog"] = self._backlog
        return await self._loop.create_server(*args, **kwargs)


class ASGIWorker(_GunicornASGIWorker):
    """gunicorn's asgi worker; its servers listen with gunicorn's backlog instead of asyncio's 100."""

    def run(self):
        if not isinstance(self.loop, _LoopKeepingBacklog):
            self.loop = _LoopKeepingBacklog(self.loop, self.cfg.backlog)
        return super().run()

"""The benchmark app of greenunicorn.gunicorn (benchmarks/bench.py): four workloads, the same in
its WSGI, ASGI and tornado forms.

GET /hello   a short text answer
GET /io      waits 100 ms (time.sleep for WSGI, which gevent and eventlet patch; asyncio.sleep
             for ASGI and tornado), like a call to a database or an API
GET /cpu     about 5 ms of pure-Python work (CPU_LOOPS iterations, measured on the CI machine)
GET /big     1 MiB of bytes from the app (nginx serves the same bytes as a static file)
GET /hold    waits 10 s, like a long poll (as /io: time.sleep or asyncio.sleep)
"""
IO_SECONDS = 0.1
HOLD_SECONDS = 10.0
CPU_LOOPS = 100_000
BIG = b"x" * (1024 * 1024)
HELLO = b"hello\n"


def burn():
    """Pure-Python work: about 5 ms on the CI machine's cores."""
    total = 0
    for i in range(CPU_LOOPS):
        total += i * i % 7
    return b"%d\n" % total

"""ASGI form of the benchmark app (gunicorn's asgi worker, uvicorn-worker)."""
import asyncio

from benchapp import BIG, HELLO, HOLD_SECONDS, IO_SECONDS, burn


async def _answer(send, body, status=200):
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/octet-stream"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope.get("path", "/")
    if path == "/hello":
        await _answer(send, HELLO)
    elif path == "/io":
        await asyncio.sleep(IO_SECONDS)
        await _answer(send, HELLO)
    elif path == "/hold":
        await asyncio.sleep(HOLD_SECONDS)
        await _answer(send, HELLO)
    elif path == "/cpu":
        await _answer(send, burn())
    elif path == "/big":
        await _answer(send, BIG)
    else:
        await _answer(send, b"not found\n", 404)

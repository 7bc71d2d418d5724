"""ASGI app used by the asgi and uvicorn scenarios: the same answers as gudemo.wsgi, and a
WebSocket echo."""
import asyncio
import json
import os
import pwd
from urllib.parse import parse_qs

from gudemo import worker


async def _send(send, status, body, content_type):
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _echo(receive, send):
    """WebSocket /ws (any path): send every text message back, prefixed with 'echo: '."""
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": "echo: " + (message.get("text") or "")})
        elif message["type"] == "websocket.disconnect":
            return


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] == "websocket":
        await _echo(receive, send)
        return
    if scope["type"] != "http":
        return
    path = scope["path"]
    headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
    if path == "/":
        name = os.environ.get("GUDEMO_NAME", "gudemo")
        greeting = os.environ.get("GUDEMO_GREETING", "hello")
        await _send(send, 200, f"Hello from {name}: {greeting}\n".encode(), "text/plain; charset=utf-8")
    elif path == "/headers":
        payload = {
            "HTTP_HOST": headers.get("host"),
            "HTTP_X_FORWARDED_FOR": headers.get("x-forwarded-for"),
            "HTTP_X_FORWARDED_PROTO": headers.get("x-forwarded-proto"),
            "HTTP_X_FORWARDED_HOST": headers.get("x-forwarded-host"),
            "REMOTE_ADDR": (scope.get("client") or [None])[0],
            "wsgi.url_scheme": scope.get("scheme"),
        }
        await _send(send, 200, (json.dumps(payload, sort_keys=True) + "\n").encode(), "application/json")
    elif path == "/sleep":
        seconds = float(parse_qs(scope.get("query_string", b"").decode()).get("s", ["1"])[0])
        await asyncio.sleep(min(seconds, 30.0))
        await _send(send, 200, f"slept {seconds}\n".encode(), "text/plain; charset=utf-8")
    elif path == "/whoami":
        info = worker.describe()
        info["user"] = pwd.getpwuid(os.getuid()).pw_name
        await _send(send, 200, (json.dumps(info, sort_keys=True) + "\n").encode(), "application/json")
    else:
        await _send(send, 404, b"not found\n", "text/plain; charset=utf-8")

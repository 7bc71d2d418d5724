"""A Starlette (ASGI) app for the starlette example: GET / greets, /ws echoes WebSocket messages."""
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute


async def index(request):
    return PlainTextResponse("Hello from Starlette behind gunicorn and nginx\n")


async def echo(websocket):
    await websocket.accept()
    async for message in websocket.iter_text():
        await websocket.send_text("echo: " + message)


app = Starlette(routes=[Route("/", index), WebSocketRoute("/ws", echo)])

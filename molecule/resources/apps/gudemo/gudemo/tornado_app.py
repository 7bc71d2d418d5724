"""Native tornado application for the tornado worker: its handlers are coroutines, so one
worker serves many slow requests at once (a plain WSGI app under tornado runs one at a time)."""
import asyncio
import json
import os
import pwd

import tornado.web
import tornado.websocket

from gudemo import worker


class Hello(tornado.web.RequestHandler):
    def get(self):
        name = os.environ.get("GUDEMO_NAME", "gudemo")
        greeting = os.environ.get("GUDEMO_GREETING", "hello")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.write(f"Hello from {name}: {greeting}\n")


class Headers(tornado.web.RequestHandler):
    def get(self):
        h = self.request.headers
        self.write({
            "HTTP_HOST": h.get("Host"),
            "HTTP_X_FORWARDED_FOR": h.get("X-Forwarded-For"),
            "HTTP_X_FORWARDED_PROTO": h.get("X-Forwarded-Proto"),
            "HTTP_X_FORWARDED_HOST": h.get("X-Forwarded-Host"),
            "REMOTE_ADDR": self.request.remote_ip,
            "wsgi.url_scheme": self.request.protocol,
        })


class Sleep(tornado.web.RequestHandler):
    async def get(self):
        seconds = float(self.get_argument("s", "1"))
        await asyncio.sleep(min(seconds, 30.0))
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.write(f"slept {seconds}\n")


class WhoAmI(tornado.web.RequestHandler):
    def get(self):
        info = worker.describe()
        info["user"] = pwd.getpwuid(os.getuid()).pw_name
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(info, sort_keys=True) + "\n")


class Echo(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message("echo: " + message)


class NotFound(tornado.web.RequestHandler):
    def prepare(self):
        self.set_status(404)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("not found\n")


application = tornado.web.Application(
    [(r"/", Hello), (r"/headers", Headers), (r"/sleep", Sleep), (r"/whoami", WhoAmI),
     (r"/ws", Echo)],
    default_handler_class=NotFound,
)

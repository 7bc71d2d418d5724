"""Native tornado form of the benchmark app (gunicorn's tornado worker)."""
import asyncio

import tornado.web

from benchapp import BIG, HELLO, HOLD_SECONDS, IO_SECONDS, burn


class Hello(tornado.web.RequestHandler):
    def get(self):
        self.write(HELLO)


class Io(tornado.web.RequestHandler):
    async def get(self):
        await asyncio.sleep(IO_SECONDS)
        self.write(HELLO)


class Hold(tornado.web.RequestHandler):
    async def get(self):
        await asyncio.sleep(HOLD_SECONDS)
        self.write(HELLO)


class Cpu(tornado.web.RequestHandler):
    def get(self):
        self.write(burn())


class Big(tornado.web.RequestHandler):
    def get(self):
        self.write(BIG)


application = tornado.web.Application([(r"/hello", Hello), (r"/io", Io), (r"/cpu", Cpu), (r"/big", Big),
                                       (r"/hold", Hold)])

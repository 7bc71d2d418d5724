"""A Flask app for the flask example: GET / greets, GET /scheme shows what gunicorn derived from
nginx's headers."""
from flask import Flask, request

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello from Flask behind gunicorn and nginx\n"


@app.get("/scheme")
def scheme():
    return {"scheme": request.scheme, "host": request.host, "remote_addr": request.remote_addr}

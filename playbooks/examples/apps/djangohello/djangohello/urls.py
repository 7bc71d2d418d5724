from django.http import HttpResponse
from django.urls import path


def index(request):
    return HttpResponse(
        '<!doctype html><link rel="stylesheet" href="/static/css/site.css">'
        "<p>Hello from Django behind gunicorn and nginx</p>\n")


urlpatterns = [path("", index)]

"""Views of djnotes: each answers in plain text so the scenario can check it."""
import hashlib
import os
from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from notes.models import Note


def index(request):
    return HttpResponse(
        '<!doctype html><link rel="stylesheet" href="/static/notes/site.css"><p>djnotes</p>'
    )


@csrf_exempt
def notes(request):
    """GET: how many notes; POST: add one (proves the database is writable)."""
    if request.method == "POST":
        Note.objects.create(text=request.body.decode()[:200])
    return HttpResponse(f"notes={Note.objects.count()}\n", content_type="text/plain")


def release(request):
    """The release.txt of the code gunicorn runs (the scenario writes a new one for a new release)."""
    text = (Path(__file__).resolve().parent.parent / "release.txt").read_text().strip()
    return HttpResponse(text + "\n", content_type="text/plain")


def token(request):
    """A digest of the secret DJNOTES_API_TOKEN: proves it reached the app without showing it."""
    value = os.environ.get("DJNOTES_API_TOKEN", "")
    return HttpResponse(
        f"sha256={hashlib.sha256(value.encode()).hexdigest()}\n", content_type="text/plain"
    )

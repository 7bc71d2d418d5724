"""Settings of djnotes, the lifecycle scenario's Django project: everything that differs between
hosts comes from the environment the gunicorn role writes (gunicorn_app_env and
gunicorn_app_secret_env)."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.staticfiles", "notes"]
ROOT_URLCONF = "djnotes.urls"
WSGI_APPLICATION = "djnotes.wsgi.application"
USE_TZ = True
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DJNOTES_DATABASE"],
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `manage.py collectstatic` (a deploy hook) copies the apps' static files here; nginx serves it
STATIC_URL = "/static/"
STATIC_ROOT = os.environ["DJNOTES_STATIC_ROOT"]

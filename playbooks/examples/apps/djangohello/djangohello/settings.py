"""Settings of the djangohello example: no database, one view, static files served by nginx."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split()
ROOT_URLCONF = "djangohello.urls"
WSGI_APPLICATION = "djangohello.wsgi.application"
INSTALLED_APPS = ["django.contrib.staticfiles"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
DATABASES = {}
# nginx serves STATIC_URL from a copy of static/ (see playbooks/examples/django-site.yml)
STATIC_URL = "/static/"
# gunicorn's forwarded_allow_ips trusts nginx on the unix socket; Django reads the scheme from it
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = True

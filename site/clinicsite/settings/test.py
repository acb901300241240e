"""Test runs: fast hashing, local-memory cache, plain static files.

The database is SQLite unless DATABASE_URL is set (CI runs the suite again
on a throwaway PostgreSQL cluster that way).
"""

import os
import tempfile

import dj_database_url

from clinicsite import environment

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# This process's memory for every alias, whatever REDIS_URL says; tests of Redis set it.
CACHES = environment.caches({})
# Tests publish inside a transaction that never commits, so versions are not raised on
# their own: parts are kept only where a test switches them on (tests/site/test_page_parts.py).
PAGE_PARTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A fresh folder per run; benchmarks share one between processes with DJANGO_MEDIA_ROOT.
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or tempfile.mkdtemp(prefix="clinic-test-media-")
# tests/conftest.py removes the folder when the run ends, unless it was given.
MEDIA_ROOT_IS_TEMPORARY = not os.environ.get("DJANGO_MEDIA_ROOT")

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# Serve static files from the app folders, as in development: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True

# Wagtail's test helpers sign in with Django's client.login(), which has no request for
# django-axes to throttle by; tests/site/test_security.py switches throttling on where it is tested.
AXES_ENABLED = False

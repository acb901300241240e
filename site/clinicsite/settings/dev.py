"""Local development: SQLite in the repository folder, DEBUG on, mail to the console."""

import os

from clinicsite import environment

from .base import *  # noqa: F403
from .base import PAGE_CACHE_ROOT

DEBUG = True
# Development only; production reads DJANGO_SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Another database and media folder than the repository's (db.sqlite3, media/): the tests
# of `make setup` and of the admin's concurrent requests use temporary ones.
if os.environ.get("DJANGO_SQLITE_PATH"):
    DATABASES = {"default": environment.sqlite_database(os.environ["DJANGO_SQLITE_PATH"])}
    # Its own page-cache folder: pages built from another database are never served.
    CACHES = environment.caches(
        os.environ, environment.page_cache_dir(PAGE_CACHE_ROOT, DATABASES["default"])
    )
if os.environ.get("DJANGO_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["DJANGO_MEDIA_ROOT"]

"""Local development: SQLite in the repository folder, DEBUG on, mail to the console."""

import os

from clinicsite import environment

from .base import *  # noqa: F403
from .base import MIDDLEWARE, PAGE_CACHE_ROOT

DEBUG = True
# Development only; production reads DJANGO_SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# What a visitor would see, on the address you opened (clinicsite/dev_server.py, README):
# the site's own 404 and 500 pages, not Django's debug pages (SITE_ERROR_PAGES=false brings
# those back; tracebacks are on the console either way), and absolute links (canonical,
# share tags, sitemap, APIs, emails) on the host and port of the request, not the Site
# record's or WAGTAILADMIN_BASE_URL's.
SITE_ERROR_PAGES = environment.flag(os.environ, "SITE_ERROR_PAGES", True)

# Pages are built afresh on every visit, so an edited template shows at the next reload
# (a kept part is keyed by the templates as they were when the server started).
# PAGE_PARTS_SECONDS=3600 keeps them as production does.
PAGE_PARTS_SECONDS = int(os.environ.get("PAGE_PARTS_SECONDS", "0"))
MIDDLEWARE = [
    *MIDDLEWARE,
    "clinicsite.dev_server.RequestOriginMiddleware",
    # Last: every other middleware treats its pages as production's.
    "clinicsite.dev_server.SiteErrorPagesMiddleware",
]
# Mail on the console, its admin links on the request's address.
EMAIL_BACKEND = "clinicsite.dev_server.ConsoleEmailBackend"
# Unset, API v2 builds detail_url from the request's Site, so on the request's address too.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or None

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

"""Production: everything that differs between installs comes from the environment.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS. Everything else, including PostgreSQL
(DATABASE_URL), object storage (AWS_STORAGE_BUCKET_NAME), Redis (REDIS_URL), the page cache
(PAGE_CACHE_SECONDS, PAGE_CACHE_DIR) and a CDN (FRONTEND_CACHE): docs/deployment.md.
"""

import os

import dj_database_url

from clinicsite import environment

from .base import *  # noqa: F403
from .base import BASE_DIR, PAGE_CACHE_ROOT

env = os.environ


def _flag(name, default):
    return environment.flag(env, name, default)


DEBUG = False
SECRET_KEY = environment.required(env, "DJANGO_SECRET_KEY")
ALLOWED_HOSTS = environment.as_list(environment.required(env, "DJANGO_ALLOWED_HOSTS"))
CSRF_TRUSTED_ORIGINS = environment.as_list(env.get("DJANGO_CSRF_TRUSTED_ORIGINS", ""))

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = environment.SQLITE_OPTIONS
# Without Redis, the page cache's folder: PAGE_CACHE_DIR, else one for this database.
CACHES = environment.caches(env, environment.page_cache_dir(PAGE_CACHE_ROOT, DATABASES["default"]))

# HTTPS. Behind a proxy that terminates TLS, set DJANGO_SECURE_PROXY_SSL_HEADER=true
# so Django trusts X-Forwarded-Proto, or switch the redirect off and let the proxy do it.
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", True)
if _flag("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not SECURE_SSL_REDIRECT:
    # The proxy in front redirects to HTTPS; Django's own warning would be noise.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
# Uploads in the S3 bucket when one is named, else on local disk (DJANGO_MEDIA_ROOT); static
# files compressed and content-hashed for WhiteNoise's far-future caching.
STORAGES = environment.storages(env, "whitenoise.storage.CompressedManifestStaticFilesStorage")
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media"))
# Without a bucket the app serves uploads itself (one server, or a shared disk).
SERVE_MEDIA = "AWS_STORAGE_BUCKET_NAME" not in env

# On by default: in Redis with REDIS_URL, else in a folder all this machine's workers share
# (PAGE_CACHE_DIR), so a publish handled by one worker purges every worker's copies.
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "300"))
LOG_FORMAT = env.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"  # noqa: F405

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
# API v2's absolute addresses (each `detail_url`, the redirect of pages/find/) follow the
# public address too: base.py derived them from the development default.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

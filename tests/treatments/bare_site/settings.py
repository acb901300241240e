"""A bare Wagtail site with only the treatments plugin, to prove the plugin stands alone.

No `home`, `blog` or site apps: the plugin's content model and its optional sub-apps, on
Wagtail's own apps. `make test-plugin` installs the plugin's wheel into a fresh virtual
environment and runs tests/treatments/ with these settings (docs/architecture.md).
"""

import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = "bare-site-test-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
# tests.treatments.bare_site in this repository; another name where make test-plugin copies it.
ROOT_URLCONF = f"{__package__}.urls"

INSTALLED_APPS = [
    # The plugin: its content model and every optional layer.
    "treatments",
    "treatments.review",
    "treatments.schema_org",
    "treatments.api",
    "treatments.importer",
    "treatments.results",
    # What it needs from Wagtail and Django.
    "wagtail.api.v2",
    "ninja",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "treatments.api.middleware.APIMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],  # base.html, which the plugin's pages extend
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
TIME_ZONE = "Europe/London"
LANGUAGE_CODE = "en-gb"
STATIC_URL = "/static/"
MEDIA_ROOT = tempfile.mkdtemp(prefix="bare-site-media-")
MEDIA_URL = "/media/"

WAGTAIL_SITE_NAME = "Bare clinic"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The API listings' largest page, as in the clinic site: the tests ask for up to 50 items.
WAGTAILAPI_LIMIT_MAX = 50
# The clinical review app's workflow finish: publish unless the claims check objects.
WAGTAIL_FINISH_WORKFLOW_ACTION = "treatments.review.workflow.publish_approved"

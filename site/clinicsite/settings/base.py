"""Settings shared by every environment. dev, test and production extend these."""

import os
from pathlib import Path

# site/clinicsite/settings/base.py -> repository root
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

INSTALLED_APPS = [
    # The site: composes the reusable apps below.
    "home",
    "blog",
    # The reusable clinic content plugin.
    "treatments",
    "wagtail.api.v2",
    "corsheaders",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
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
    # Its sitemap.xml template, which wagtail.contrib.sitemaps renders.
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Before anything that answers early, so API responses always carry CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves collected, compressed static files straight after security checks.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # JSON errors, HEAD and HTTP caching for the headless API (treatments/api/middleware.py).
    "treatments.api.middleware.APIMiddleware",
]

ROOT_URLCONF = "clinicsite.urls"
WSGI_APPLICATION = "clinicsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # {% load seo %}: titles, descriptions, share tags (docs/seo.md).
            "libraries": {"seo": "clinicsite.seo"},
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Page editors with many blocks post more fields than Django's default 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Clinic"
# A workflow's final approval publishes only if the approver may publish the wording the
# claims check flags (docs/claims-check.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "treatments.claims_workflow.publish_approved"
# The treatments plugin's index pages live directly under this site's home page.
TREATMENTS_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]
# The site's own page types for `manage.py import_content` (docs/importing.md).
TREATMENTS_IMPORT_TYPES = {
    "blog": "blog.importers.BlogPostImporter",
    "blog-index": "blog.importers.BlogIndexImporter",
    "page": "home.importers.StandardPageImporter",
    "home": "home.importers.HomePageImporter",
    "enquiry": "home.importers.EnquiryPageImporter",
}
# A page whose slug changes, or which is moved, keeps its old address as a 301
# (Settings › Redirects lists them). Wagtail's default, stated so nobody turns it off unawares.
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# SQLite FTS5 or PostgreSQL full-text, picked from the database (docs/search.md). English
# stemming on PostgreSQL ("massages" finds "massage"), whatever the server's locale.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Headless API (README "Headless API") ---------------------------------------
# Front ends on other origins that may read the API, e.g. "https://www.clinic.example".
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_SEARCH_ENABLED = True
TREATMENTS_API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
# The external front end's preview address; empty keeps Wagtail's own HTML preview.
TREATMENTS_HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")

# --- Enquiry form (docs/enquiries.md) ----------------------------------------------
# Where enquiries go when neither the enquiry page nor Settings › Clinic details names
# an address.
ENQUIRY_EMAIL_TO = os.environ.get("ENQUIRY_EMAIL_TO", "")
# At most this many enquiries per visitor address in ENQUIRY_RATE_PERIOD seconds.
ENQUIRY_RATE_LIMIT = int(os.environ.get("ENQUIRY_RATE_LIMIT", "5"))
ENQUIRY_RATE_PERIOD = 60 * 60
# Behind a reverse proxy every visitor seems to come from the proxy: name the header
# it sets with the visitor's address, e.g. HTTP_X_FORWARDED_FOR (its last hop is used).
ENQUIRY_CLIENT_IP_HEADER = os.environ.get("ENQUIRY_CLIENT_IP_HEADER", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

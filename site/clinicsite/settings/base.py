"""Settings shared by every environment. dev, test and production extend these."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE

from clinicsite import environment

# site/clinicsite/settings/base.py -> repository root
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

INSTALLED_APPS = [
    # The site's own features, one job each (site/); clinicsite is configuration only.
    "search_presence",
    "page_cache",
    "security_headers",
    "two_factor_sign_in",
    "page_passwords",
    "spreadsheet_exports",
    "styleguide",
    "hosting",
    "home",
    "blog",
    # The reusable clinic content plugin: the content model, and its optional layers.
    "treatments",
    "treatments.review",
    "treatments.schema_org",
    "treatments.api",
    "treatments.importer",
    "treatments.results",
    "wagtail.api.v2",
    "corsheaders",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Its sitemap.xml template, which wagtail.contrib.sitemaps renders.
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz answers first: any Host header, plain HTTP, no session (hosting/health.py).
    "hosting.health.HealthCheckMiddleware",
    # Before anything that answers early, so API responses always carry CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security_headers.middleware.ClinicCSPMiddleware",
    "security_headers.middleware.PermissionsPolicyMiddleware",
    # Serves collected, compressed static files straight after security checks.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside the header middleware above, so cached pages get fresh security headers.
    "page_cache.middleware.PageCacheMiddleware",
    # The site and its home page from the cache, not two queries (page_cache/sites.py).
    "page_cache.sites.KnownSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks a session signed in with an authenticator code (two_factor_sign_in/).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # JSON errors, HEAD and HTTP caching for the headless API (treatments/api/middleware.py).
    "treatments.api.middleware.APIMiddleware",
    # Counts failed admin sign-ins and answers a locked-out address (after authentication).
    "axes.middleware.AxesMiddleware",
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
        },
    },
]

# SQLite in the repository folder (git-ignored), set up for the admin's concurrent requests.
DATABASES = {"default": environment.sqlite_database(BASE_DIR / "db.sqlite3")}

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
# Production without an S3 bucket serves uploads from MEDIA_ROOT itself (settings/production.py).
SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Redis when REDIS_URL is set (clinicsite/environment.py). Else the page cache is a folder
# that every worker process of this machine shares (PAGE_CACHE_DIR, by default one per
# database under var/page-cache/ in the repository, git-ignored) and the rest is in each
# process's memory. Its "renditions" alias is where Wagtail looks image renditions up
# before the database. Settings that change DATABASES make CACHES again.
PAGE_CACHE_ROOT = BASE_DIR / "var" / "page-cache"
CACHES = environment.caches(
    os.environ, environment.page_cache_dir(PAGE_CACHE_ROOT, DATABASES["default"])
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Page editors with many blocks post more fields than Django's default 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Clinic"
# The admin calls no other site: no Gravatar pictures (staff emails stay here) and no
# check for new Wagtail releases; both would also need holes in the admin's CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A workflow's final approval publishes only if the approver may publish the wording the
# claims check flags (docs/claims-check.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "treatments.review.workflow.publish_approved"
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
# Photos only: no SVG, which can carry script. 40 megapixels is far above any camera's
# JPEG a clinic uploads and stops decompression bombs.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Only these open in the browser; every other document downloads as an attachment.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Documents always go through Wagtail's view, from disk or bucket alike, so privacy settings
# on their collection and the attachment rule above hold (never a direct /media/ address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

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

# --- Scale-out, security and logs (docs/deployment.md) ------------------------------
# Whole public pages kept for anonymous visitors this long; 0 switches the page cache off
# (production's default is 300). Publishing purges the page and the pages that list it
# (page_cache/).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Rendered parts of pages (head, body; JSON-LD and API representations) kept for everyone
# under the same versions, at most this long; 0 builds every part each time
# (treatments/fragments.py, docs/performance.md).
PAGE_PARTS_SECONDS = int(os.environ.get("PAGE_PARTS_SECONDS", "3600"))
# A CDN in front (Cloudflare, CloudFront or a PURGE-able HTTP cache): Wagtail purges it.
WAGTAILFRONTENDCACHE = environment.frontend_cache(os.environ)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSP_SELF = SELF
_MEDIA_ORIGIN = environment.media_origin(os.environ)
# Public pages: nothing inline, nothing from another origin but images from the media
# bucket, no frames (security_headers/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Added for the admin and the API's Swagger page only.
CSP_STAFF_ALLOWANCES = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:", "blob:"],
}
PERMISSIONS_POLICY_DENY = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# user name from one address, or from one address whatever the names, that address waits
# AXES_COOLOFF_TIME. Attempts are kept in the database, shared by every app server.
AUTHENTICATION_BACKENDS = [
    # Checks for a lockout first; as a ModelBackend too it can load the signed-in user.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
# Not reset by a success: one's own sign-in must not wipe failures against other accounts
# from the same address. Failures expire after the cool-off time.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# Behind a proxy, the visitor's own address, as for the enquiry form's rate limit.
AXES_CLIENT_IP_CALLABLE = "home.forms.client_ip"
# Wagtail's admin sign-in form names its field "username" whatever the user model uses.
AXES_USERNAME_FORM_FIELD = "username"
# The passwords of private pages and documents (Wagtail's privacy settings): as many wrong
# ones per address and page before the same wait, counted in the cache (page_passwords/).
PAGE_PASSWORD_FAILURE_LIMIT = AXES_FAILURE_LIMIT
PAGE_PASSWORD_COOLOFF_TIME = AXES_COOLOFF_TIME

# Optional two-factor sign-in: each person turns it on under Account (two_factor_sign_in/).
WAGTAILADMIN_USER_LOGIN_FORM = "two_factor_sign_in.forms.TwoFactorLoginForm"
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Clinic admin")

# One JSON object per line on stdout when LOG_FORMAT=json (production's default), for log
# collectors; readable lines otherwise. No request bodies or form fields are ever logged.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "hosting.logs.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"as_warning": {"()": "hosting.logs.AsWarning"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT if LOG_FORMAT in {"json", "text"} else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Every request that ends in an error, with its path and status, never its body.
        "django.request": {"level": "WARNING"},
        # A locked-out address and each failed sign-in, for the security log.
        "axes": {"level": "WARNING"},
        # A Host header outside ALLOWED_HOSTS: one WARNING line, no traceback (hosting/logs.py).
        "django.security.DisallowedHost": {"filters": ["as_warning"]},
    },
}

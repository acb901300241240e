"""Local development: SQLite in the repository folder, DEBUG on, mail to the console."""

from .base import *  # noqa: F403

DEBUG = True
# Development only; production reads DJANGO_SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

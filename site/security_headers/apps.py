from django.apps import AppConfig


class SecurityHeadersConfig(AppConfig):
    """The Content-Security-Policy and Permissions-Policy headers on every response."""

    name = "security_headers"
    verbose_name = "Security headers"

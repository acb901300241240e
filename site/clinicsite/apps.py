from django.apps import AppConfig


class ClinicSiteConfig(AppConfig):
    """The site itself: health check, page cache, security headers and logging."""

    name = "clinicsite"
    verbose_name = "Clinic site"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

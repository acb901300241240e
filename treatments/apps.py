from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    """Treatment and condition pages, their content blocks and the clinic's details.

    A reusable Wagtail app: it needs `wagtail.contrib.settings` and
    `wagtail.contrib.routable_page` installed beside it, and nothing from the site
    that composes it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments"
    verbose_name = "Treatments"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

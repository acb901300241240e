from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole public pages kept for anonymous visitors, purged when what they show changes."""

    name = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

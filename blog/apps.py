from django.apps import AppConfig


class BlogConfig(AppConfig):
    """The clinic's journal: posts by practitioners, tagged and linked to treatments."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from . import structured_data  # noqa: F401  (registers posts' schema.org items)

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The clinic site itself: its home page and the commands that set it up."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Clinic home"

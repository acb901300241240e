from django.apps import AppConfig


class StyleguideConfig(AppConfig):
    """The living style page for staff: tokens, components and every block (/styleguide/)."""

    name = "styleguide"
    verbose_name = "Style guide"

from django.apps import AppConfig


class PagePasswordsConfig(AppConfig):
    """Guessing the password of a private page or document is throttled per address, as
    admin sign-in is (views.py)."""

    name = "page_passwords"
    verbose_name = "Page passwords"

from django.apps import AppConfig


class TwoFactorSignInConfig(AppConfig):
    """Optional two-factor sign-in to the admin, turned on by each person under Account."""

    name = "two_factor_sign_in"
    verbose_name = "Two-factor sign-in"

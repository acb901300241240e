from django.urls import path, reverse
from django_otp import user_has_device
from wagtail import hooks

from .views import two_factor_settings


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("account/two-factor/", two_factor_settings, name="clinic_two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    state = "on" if user_has_device(request.user) else "off"
    return {
        "url": reverse("clinic_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": f"Ask for a code from an app on your phone as well as the password ({state}).",
    }

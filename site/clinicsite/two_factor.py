"""Optional two-factor sign-in for the admin (docs/deployment.md#security).

Anyone may turn it on for their own account under Account › Two-factor sign-in: they scan
a QR code with an authenticator app (a time-based code, RFC 6238, via django-otp) and
confirm one code. From then on the sign-in form asks for the current 6-digit code as well
as the password. A wrong code counts as a failed sign-in for the lock-out (django-axes), so
codes cannot be guessed either.
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm

DEVICE_NAME = "Authenticator app"


class TwoFactorLoginForm(LoginForm):
    """Wagtail's sign-in form with a code field, required only from users who turned it on."""

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": "Your %(username_field)s, password or authenticator code didn't match. "
        "Please try again.",
    }

    otp_token = forms.CharField(
        label="Authenticator code",
        required=False,
        max_length=8,
        help_text="Only if you turned on two-factor sign-in: the 6-digit code your app shows.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            return cleaned
        token = (cleaned.get("otp_token") or "").replace(" ", "")
        device = match_token(user, token) if token else None
        if device is None:
            # Counted like a wrong password, so guessing codes is throttled as well, and
            # answered like one, so the message does not confirm the password was right.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise self.get_invalid_login_error()
        otp_login(self.request, device)
        return cleaned


class ConfirmCodeForm(forms.Form):
    """Your password and a current code: someone holding a stolen session cannot switch
    two-factor sign-in on with their own phone, or off."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="Code from your app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, request, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        if not user.check_password(password):
            # Counted toward the sign-in lock-out, so the form cannot be used to guess it.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError("That is not your password.")
        return password

    def clean(self):
        cleaned = super().clean()
        # The code is checked only after the password: checking uses it up.
        if "password" in cleaned and "code" in cleaned:
            if not self.device.verify_token(cleaned["code"].replace(" ", "")):
                self.add_error("code", "That code is not right or has expired. Try the next one.")
        return cleaned


def qr_code_data_url(text):
    """The QR code as an SVG data: address, for an <img> (no inline markup or script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@login_required
def two_factor_settings(request):
    """Turn two-factor sign-in on (scan, then confirm a code) or off (confirm a code)."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is not None:
        form = ConfirmCodeForm(request, confirmed, request.POST or None)
        if request.method == "POST" and form.is_valid():
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, "Two-factor sign-in is off.")
            return redirect(reverse("wagtailadmin_account"))
        return TemplateResponse(
            request, "clinicsite/two_factor.html", {"enabled": True, "form": form}
        )

    if request.method == "POST":
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            return redirect(reverse("clinic_two_factor"))
    else:
        # A new secret each time the page is shown: one seen earlier (by anyone) is void.
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=request.user, confirmed=False, name=DEVICE_NAME)
    form = ConfirmCodeForm(request, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "Two-factor sign-in is on: you will be asked for a code.")
        return redirect(reverse("wagtailadmin_account"))
    return TemplateResponse(
        request,
        "clinicsite/two_factor.html",
        {
            "enabled": False,
            "form": form,
            "qr_code": qr_code_data_url(device.config_url),
            # For typing into the app instead of scanning: base32, as apps expect.
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )

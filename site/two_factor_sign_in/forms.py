"""Optional two-factor sign-in for the admin (docs/deployment.md#security).

Anyone may turn it on for their own account under Account › Two-factor sign-in (views.py):
they scan a QR code with an authenticator app (a time-based code, RFC 6238, via django-otp)
and confirm one code. From then on the sign-in form asks for the current 6-digit code as
well as the password. A wrong code counts as a failed sign-in for the lock-out
(django-axes), so codes cannot be guessed either.
"""

from django import forms
from django.contrib.auth.signals import user_login_failed
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from wagtail.admin.forms.auth import LoginForm


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

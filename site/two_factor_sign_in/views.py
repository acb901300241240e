"""Account › Two-factor sign-in: turn it on with an authenticator app, or off."""

import base64
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmCodeForm

DEVICE_NAME = "Authenticator app"
TEMPLATE = "two_factor_sign_in/settings.html"


def qr_code_data_url(text):
    """The QR code as an SVG data: address, for an <img> (no inline markup or script)."""
    # Imported here, not at the top: only this page draws QR codes, and a process that only
    # serves visitors never loads qrcode (docs/deployment.md, "Memory per worker").
    import qrcode
    import qrcode.image.svg

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
        return TemplateResponse(request, TEMPLATE, {"enabled": True, "form": form})

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
        TEMPLATE,
        {
            "enabled": False,
            "form": form,
            "qr_code": qr_code_data_url(device.config_url),
            # For typing into the app instead of scanning: base32, as apps expect.
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )

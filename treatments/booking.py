"""Where a booking button goes: the one rule for every button, page and API.

A button's own link wins; without one it goes to the clinic's booking link (Settings ›
Clinic details) of the request's site, or of the default site when there is no request
(e.g. a block rendered in code); without that there is no link (None), and templates draw
no button.
"""

from django.apps import apps
from wagtail.models import Site


def booking_link(link, request):
    if link:
        return link
    ClinicSettings = apps.get_model("treatments", "ClinicSettings")
    if request is not None:
        clinic = ClinicSettings.for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).first()
        clinic = ClinicSettings.for_site(site) if site else None
    return (clinic.booking_url if clinic else "") or None

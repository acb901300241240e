"""Where booking buttons go, and which booking widget a treatment page shows: the one rule
for every button, page and API.

A button's own link wins; without one it goes to the clinic's booking link (Settings ›
Clinic details) of the request's site, or of the default site when there is no request
(e.g. a block rendered in code); without that there is no link (None), and templates draw
no button.

A treatment page books through its own booking link, else the clinic's (`booking_link`).
When the clinic chose a booking system's widget (Cliniko, Jane App or another system's),
the page also shows that widget in a frame, opened at the treatment's service id, and its
buttons go to it. The widget's origin is the one site the page's security policy then
lets show a frame: the page marks its response (`allow_widget_frame`), and the site's
Content-Security-Policy middleware adds it (site/security_headers/).
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.apps import apps
from django.db import models
from wagtail.models import Site


class BookingProvider(models.TextChoices):
    """How visitors book (Settings › Clinic details): a link, or a booking system's widget."""

    LINK = "link", "A link to your booking page"
    CLINIKO = "cliniko", "Cliniko: its booking widget in the page"
    JANE = "jane", "Jane App: its booking widget in the page"
    EMBED = "embed", "Another booking system's widget, from the address below"


# Where each known booking system serves clinics' booking pages: a subdomain of these.
PROVIDER_DOMAINS = {BookingProvider.CLINIKO: "cliniko.com", BookingProvider.JANE: "janeapp.com"}
PROVIDER_EXAMPLES = {
    BookingProvider.CLINIKO: "https://yourclinic.cliniko.com/bookings",
    BookingProvider.JANE: "https://yourclinic.janeapp.com/",
    BookingProvider.EMBED: "https://booking.example.com/yourclinic",
}
# Cliniko's own flag for its booking page shown inside another site's page (no header).
CLINIKO_EMBEDDED = ("embedded", "true")


def clinic_settings(request):
    """The clinic details of the request's site, else of the default site, else None."""
    ClinicSettings = apps.get_model("treatments", "ClinicSettings")
    if request is not None:
        return ClinicSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    return ClinicSettings.for_site(site) if site else None


def booking_link(link, request):
    if link:
        return link
    clinic = clinic_settings(request)
    return (clinic.booking_url if clinic else "") or None


def page_booking_href(context, link=""):
    """Where a booking button on a page goes: its own `link`; else, on a treatment page, its
    "Book online" section when it shows a booking widget (`booking` and `sections` in the
    template context), else the page's own booking link, else the clinic's; else None."""
    if link:
        return link
    if context.get("booking"):
        for section in context.get("sections", ()):
            if section.kind == "booking":
                return f"#{section.anchor}"
    page = context.get("page")
    return booking_link(getattr(page, "booking_url", ""), context.get("request"))


def origin(url):
    """`scheme://host[:port]` of an address, as a Content-Security-Policy source."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def widget_address_problem(provider, url):
    """Why `url` cannot be `provider`'s booking widget, for an editor; None if it can.

    Every widget is served over https; Cliniko's and Jane App's only from their own
    domains, so a mistyped address cannot open the page's frames to another site.
    """
    if provider == BookingProvider.LINK:
        return None
    example = PROVIDER_EXAMPLES[provider]
    if not url:
        return f"Enter the address of your booking page in that system, e.g. {example}."
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = "invalid"
    if parts.scheme != "https" or not parts.hostname:
        return f"The widget's address must start with https://, e.g. {example}."
    if parts.username is not None or parts.password is not None:
        return "Remove the name and password from the address: the widget's page is public."
    domain = PROVIDER_DOMAINS.get(provider)
    if domain and (not parts.hostname.endswith(f".{domain}") or port is not None):
        return (
            f"A {BookingProvider(provider).label.split(':')[0]} booking page's address ends in "
            f".{domain}, e.g. {example}. Copy it from your booking system."
        )
    if port == "invalid":
        return f"Check the address: its port is not a number, e.g. {example}."
    return None


def widget_address(provider, url, service=""):
    """The address the frame opens: the clinic's booking page in `provider`'s system, at the
    treatment's `service` when it has one."""
    parts = urlsplit(url)
    if provider == BookingProvider.CLINIKO:
        # Cliniko opens at an appointment type given as `appointment_type_id`.
        extra = [CLINIKO_EMBEDDED] + ([("appointment_type_id", service)] if service else [])
        query = "&".join(filter(None, [parts.query, urlencode(extra)]))
        return urlunsplit(parts._replace(query=query))
    if provider == BookingProvider.JANE and service:
        # Jane App's booking pages route after the '#': e.g. #/discipline/1/treatment/2.
        return urlunsplit(parts._replace(fragment="/" + quote(service.strip("#/"), safe="/")))
    return url


@dataclass(frozen=True)
class Booking:
    """How visitors book one treatment.

    `provider` is "link" unless a widget is shown; `url` the plain booking link (the
    page's own, else the clinic's; None without one); `widget_url` the address the widget's
    frame opens, None with the plain link.
    """

    provider: str
    url: str | None
    widget_url: str | None

    @property
    def widget_origin(self):
        """The one origin the page lets show a frame, or None."""
        return origin(self.widget_url) if self.widget_url else None

    @property
    def page_url(self):
        """Where the widget's fallback link goes: the booking link, else the widget's own
        page (without Cliniko's in-page flag)."""
        if self.url or not self.widget_url:
            return self.url
        parts = urlsplit(self.widget_url)
        query = [p for p in parts.query.split("&") if p and p != "=".join(CLINIKO_EMBEDDED)]
        return urlunsplit(parts._replace(query="&".join(query)))


def treatment_booking(page, request):
    """The `Booking` of a treatment page (its `booking_url` and `booking_service`)."""
    clinic = clinic_settings(request)
    url = booking_link(page.booking_url, request)
    provider = clinic.booking_provider if clinic else BookingProvider.LINK
    address = clinic.booking_widget_url if clinic else ""
    # Checked when saved (ClinicSettings.clean); a widget without an address is a link.
    if provider == BookingProvider.LINK or not address or not address.startswith("http"):
        return Booking(BookingProvider.LINK.value, url, None)
    return Booking(provider, url, widget_address(provider, address, page.booking_service))


def widget_booking(page, request):
    """The page's `Booking` when it shows a widget, else None (its "Book online" section)."""
    booking = treatment_booking(page, request)
    return booking if booking.widget_url else None


def allow_widget_frame(response, widget_origin):
    """Marks a page's response as showing a booking widget from `widget_origin` (if any):
    django-csp's own attribute (its `@csp_update` decorator sets it), which a site using
    django-csp adds to its policy, so frames from that origin, and only it, may show in
    this page. A site without django-csp ignores it."""
    if widget_origin:
        response._csp_update = {"frame-src": [widget_origin]}
    return response

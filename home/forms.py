"""The enquiry form visitors fill in, its spam checks, and the email the clinic receives.

The fields are fixed in code (not built by editors) because the clinic's replies,
the admin's submissions listing and its CSV export rely on them. See docs/enquiries.md.
"""

import ipaddress
import logging
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage

from . import limits

logger = logging.getLogger(__name__)

NOT_SURE = ""
NOT_SURE_LABEL = "Not sure yet"
# The hidden trap field. A plain name that spam robots fill in, but no browser
# autofill profile (name, email, address, company, url) matches it.
HONEYPOT_FIELD = "topic"


def single_line(value):
    """Collapse runs of whitespace (including line breaks a robot might post) into spaces."""
    return " ".join(value.split())


def validate_phone(value):
    if not re.fullmatch(r"[0-9 +().\-]+", value):
        raise ValidationError(
            "Enter a phone number using digits, spaces and + ( ) - only, e.g. 020 7946 0321."
        )
    digits = sum(char.isdigit() for char in value)
    if not 7 <= digits <= 15:
        raise ValidationError(
            "Enter a full phone number, including the area code, e.g. 020 7946 0321."
        )


class EnquiryForm(forms.Form):
    """An enquiry or booking request. `treatments` is a list of (slug, title) pairs."""

    name = forms.CharField(
        label="Your name",
        max_length=100,
        error_messages={
            "required": "Enter your name, so we know who we are replying to.",
            "max_length": "Your name can be at most 100 characters long.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        validators=[validate_phone],
        error_messages={"max_length": "A phone number can be at most 30 characters long."},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    treatment = forms.ChoiceField(
        label="Treatment you are interested in",
        required=False,
        error_messages={
            "invalid_choice": "That treatment is not on offer at the moment: choose another, "
            f"or “{NOT_SURE_LABEL}”."
        },
    )
    message = forms.CharField(
        label="Your message (optional)",
        required=False,
        max_length=3000,
        help_text="For example, what you would like help with, and which days suit you "
        "for an appointment.",
        error_messages={
            "max_length": "Please keep your message under 3,000 characters "
            "(it has %(show_value)d). We can talk through the details when we reply."
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label="I agree that the clinic may contact me about this enquiry, using the details above.",
        error_messages={
            "required": "Tick the box to let us contact you: without it we cannot reply."
        },
    )
    topic = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # The order of fields in what is stored, emailed and shown in the admin.
    stored_fields = ["name", "email", "phone", "treatment", "message", "consent"]

    def __init__(self, *args, treatments=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.treatment_titles = dict(treatments)
        self.fields["treatment"].choices = [(NOT_SURE, NOT_SURE_LABEL), *treatments]
        # A browser's maxlength would silently cut a long pasted message: the server says so.
        self.fields["message"].widget.attrs.pop("maxlength", None)

    @property
    def is_spam(self):
        """True when the hidden field, which people never see, was filled in."""
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_phone(self):
        return single_line(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not self.has_error("email") and not self.has_error("phone"):
            if not cleaned.get("email") and not cleaned.get("phone"):
                self.add_error(
                    "email",
                    "Enter an email address or a phone number (or both), so we can reply.",
                )
        return cleaned

    @property
    def treatment_title(self):
        """The chosen treatment's title, or "" for "Not sure yet"."""
        return self.treatment_titles.get(self.cleaned_data.get("treatment"), "")

    def submission_data(self):
        """What is stored: readable values, so the admin listing and CSV need no lookups."""
        data = {name: self.cleaned_data[name] for name in self.stored_fields}
        data["treatment"] = self.treatment_title or NOT_SURE_LABEL
        data["consent"] = "Yes"
        return data


# --- Rate limit -----------------------------------------------------------------


def client_ip(request):
    """The visitor's address. Behind a proxy, the last hop of the header it sets."""
    header = getattr(settings, "ENQUIRY_CLIENT_IP_HEADER", "")
    if header:
        hops = request.META.get(header, "").split(",")
        try:
            # Junk in the header must not become a cache key.
            return str(ipaddress.ip_address(hops[-1].strip()))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def within_rate_limit(request):
    """Record one submission from this address; False when it has sent its quota already.

    A sliding window kept in Django's cache, and in this process's memory while the cache
    is down (home/limits.py).
    """
    key = f"enquiry-rate:{client_ip(request)}"
    return limits.within_limit(key, settings.ENQUIRY_RATE_LIMIT, settings.ENQUIRY_RATE_PERIOD)


# --- Email ----------------------------------------------------------------------


def send_enquiry_email(*, recipient, subject, body, reply_to=""):
    """Email one enquiry. Failures are logged, never raised: the submission is already stored."""
    if not recipient:
        logger.warning(
            "An enquiry was stored but not emailed: no clinic address is set "
            "(the enquiry page's 'Send enquiries to', Settings › Clinic details › Email, "
            "or ENQUIRY_EMAIL_TO)."
        )
        return False
    message = EmailMessage(
        subject=single_line(subject),
        body=body,
        to=[recipient],
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        message.send()
    except Exception:
        # SMTP refusals, timeouts, DNS failures: any of them must not lose the enquiry.
        logger.exception("An enquiry was stored but emailing it to %s failed", recipient)
        return False
    return True

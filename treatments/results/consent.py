"""The one rule for whether a patient's photos may be on the website: used by every page,
API response, feed and structured data that shows a result case."""

from django.db.models import Q
from django.utils import timezone


def today():
    """The clinic's date now (settings.TIME_ZONE), as consent dates are written."""
    return timezone.localdate()


def valid_for_website(on=None):
    """A filter for consent records that allow the website on the day `on` (today): signed by
    then, with the website in their scope, not expired and not withdrawn."""
    on = on or today()
    return Q(scope_website=True, signed_on__lte=on, withdrawn_on__isnull=True) & (
        Q(expires_on__isnull=True) | Q(expires_on__gt=on)
    )


def is_valid_for_website(record, on=None):
    """The same rule for one record in memory (e.g. the status editors see)."""
    on = on or today()
    return bool(
        record.scope_website
        and record.signed_on is not None
        and record.signed_on <= on
        and record.withdrawn_on is None
        and (record.expires_on is None or record.expires_on > on)
    )

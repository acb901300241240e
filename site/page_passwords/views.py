"""Wagtail's password forms for private pages and documents, with guessing throttled.

Wagtail checks the password of a private page (or of a document collection) in its own views
and lets anyone try again at once, without end. These wrap them: after
PAGE_PASSWORD_FAILURE_LIMIT wrong passwords for one page from one address within
PAGE_PASSWORD_COOLOFF_TIME, that address gets the lock-out page (429, the one admin sign-in
uses) for that page until the cool-off time has passed, whatever it sends, even the right
password. Other pages and other addresses are not affected; the right password before the
lock-out clears that address's count for the page. docs/deployment.md, "Security".

Counts are kept per password, i.e. per privacy setting: a private page and its subpages share
one (Wagtail's form names any page below it, so counting per page named would let a guesser
try 5 per subpage). They live in the cache through home/limits.py: shared Redis in
production, this process's memory while Redis is down.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views

from home import limits
from home.forms import client_ip


def locked_out(request):
    context = {
        "page_password": True,
        "failure_limit": settings.PAGE_PASSWORD_FAILURE_LIMIT,
        "cooloff_timedelta": settings.PAGE_PASSWORD_COOLOFF_TIME,
    }
    response = render(request, "account_locked.html", context, status=429)
    add_never_cache_headers(response)
    return response


def throttled(view, kind, restriction_argument):
    """`view` (one of Wagtail's) with a lock-out per address and privacy setting."""

    @wraps(view)
    def password_form(request, **kwargs):
        if request.method != "POST":
            return view(request, **kwargs)
        who = f"{kind}:{kwargs[restriction_argument]}:{client_ip(request)}"
        failures, locked = f"password-failures:{who}", f"password-locked:{who}"
        cool_off = settings.PAGE_PASSWORD_COOLOFF_TIME.total_seconds()
        if limits.read(locked):
            return locked_out(request)
        response = view(request, **kwargs)
        if response.status_code == 302:  # the right password: Wagtail redirects to the page
            limits.forget(failures)
            return response
        if limits.record(failures, cool_off) >= settings.PAGE_PASSWORD_FAILURE_LIMIT:
            limits.store(locked, True, cool_off)
            limits.forget(failures)
            return locked_out(request)
        return response

    return password_form


page_password = throttled(page_views.authenticate_with_password, "page", "page_view_restriction_id")
document_password = throttled(
    document_views.authenticate_with_password, "document", "restriction_id"
)

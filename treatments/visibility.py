"""Which pages visitors and apps may see: the one rule for every listing, feed, sitemap,
search and API.

A page is visible when it is live, not private (no view restriction on it or above it) and
not past its expiry date. Wagtail unpublishes expired pages only when `publish_scheduled`
runs; until then they are still live, so the expiry date is checked here as well, and an
expired page's own address answers 404 (wagtail_hooks.py).

The privacy settings are read once per request, however many lists, menus and checks on
the page ask (Wagtail's `.public()` reads them again each time it is called).
"""

from asgiref.local import Local
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

_request = Local()


def start_request(**kwargs):
    """From here until the request ends, privacy settings are read at most once."""
    _request.restrictions = None
    _request.active = True


def end_request(**kwargs):
    _request.restrictions = None
    _request.active = False


def forget_restrictions(**kwargs):
    """A privacy setting changed during the request (the admin's privacy dialog)."""
    _request.restrictions = None


def restrictions():
    """Every page view restriction with its page: once per request, each call outside one."""
    if not getattr(_request, "active", False):
        return list(PageViewRestriction.objects.select_related("page"))
    if _request.restrictions is None:
        _request.restrictions = list(PageViewRestriction.objects.select_related("page"))
    return _request.restrictions


def private_q():
    """Matches the pages in private sections (as Wagtail's `PageQuerySet.private_q`)."""
    q = Q()
    for restriction in restrictions():
        q |= Q(path__startswith=restriction.page.path, depth__gte=restriction.page.depth)
    return q if q else Q(pk__in=[])


def restrictions_on(page, ancestors):
    """The view restrictions that apply to `page`, given all its `ancestors` (any order):
    as Wagtail's `Page.get_view_restrictions`, an alias follows its original's."""
    page_ids = {p.alias_of_id or p.pk for p in [page, *ancestors]}
    return [r for r in restrictions() if r.page_id in page_ids]


def visible(pages):
    """The pages of a PageQuerySet that visitors and apps may see.

    Expired pages are left out by id, through a subquery, so that the same rule also works
    on a site search's queryset (`expire_at` is not one of its filter fields).
    """
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
    return pages.live().exclude(private_q()).exclude(pk__in=expired)


def has_expired(page):
    return page.expire_at is not None and page.expire_at <= timezone.now()

"""Which pages visitors and apps may see: the one rule for every listing, feed, sitemap,
search and API.

A page is visible when it is live, not private (no view restriction on it or above it) and
not past its expiry date. Wagtail unpublishes expired pages only when `publish_scheduled`
runs; until then they are still live, so the expiry date is checked here as well, and an
expired page's own address answers 404 (wagtail_hooks.py).
"""

from django.utils import timezone
from wagtail.models import Page


def visible(pages):
    """The pages of a PageQuerySet that visitors and apps may see.

    Expired pages are left out by id, through a subquery, so that the same rule also works
    on a site search's queryset (`expire_at` is not one of its filter fields).
    """
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
    return pages.live().public().exclude(pk__in=expired)


def has_expired(page):
    return page.expire_at is not None and page.expire_at <= timezone.now()

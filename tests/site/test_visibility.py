"""An expired page leaves every part of the site at its expiry time, not when Wagtail's
`publish_scheduled` next runs: the journal and its feeds, the sitemap, site search and the
menu follow the plugin's one rule (treatments/visibility.py)."""

import datetime
import time

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.blog.test_blog import make_index, make_post

pytestmark = pytest.mark.django_db


def expire(page):
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=5))


def test_an_expired_post_is_gone_from_the_journal_feeds_sitemap_and_search(client, home_page):
    journal = make_index(home_page)
    kept = make_post(journal, "Winter skin care")
    gone = make_post(journal, "Summer skin care")
    expire(gone)

    assert client.get(gone.url).status_code == 404
    listing = client.get(journal.url).content.decode()
    assert kept.title in listing and gone.title not in listing
    for feed in ("feed/rss/", "feed/atom/"):
        text = client.get(journal.url + feed).content.decode()
        assert kept.title in text and gone.title not in text, feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert kept.full_url in sitemap and gone.full_url not in sitemap
    found = client.get("/search/", {"q": "skin care"}).content.decode()
    assert kept.title in found and gone.title not in found


@pytest.mark.parametrize("page_cache_seconds", [0, 300], ids=["page-cache-off", "page-cache-on"])
def test_a_post_leaves_the_home_page_journal_feeds_and_sitemap_at_its_expiry_time(
    client, home_page, page_cache_seconds
):
    """At the moment of `expire_at`, not when `publish_scheduled` runs, and not when the
    copies the page cache keeps of the home page and the journal run out."""
    from django.core.cache import caches
    from django.test import override_settings

    for cache in caches.all():
        cache.clear()
    journal = make_index(home_page)
    kept = make_post(journal, "Winter skin care")
    expires = timezone.now() + datetime.timedelta(seconds=2)
    going = make_post(journal, "Summer skin care", expire_at=expires)
    addresses = ["/", journal.url, journal.url + "feed/rss/", journal.url + "feed/atom/"]

    with override_settings(PAGE_CACHE_SECONDS=page_cache_seconds):
        for address in addresses:
            text = client.get(address).content.decode()
            assert kept.title in text and going.title in text, address
        assert going.full_url in client.get("/sitemap.xml").content.decode()
        assert timezone.now() < expires, "the visits above took too long to test anything"

        time.sleep((expires - timezone.now()).total_seconds() + 0.05)

        assert client.get(going.url).status_code == 404
        for address in addresses:
            text = client.get(address).content.decode()
            assert kept.title in text and going.title not in text, address
        sitemap = client.get("/sitemap.xml").content.decode()
        assert kept.full_url in sitemap and going.full_url not in sitemap
    assert Page.objects.get(pk=going.pk).live  # publish_scheduled has not run

"""An expired page leaves every part of the site at its expiry time, not when Wagtail's
`publish_scheduled` next runs: the journal and its feeds, the sitemap, site search and the
menu follow the plugin's one rule (treatments/visibility.py)."""

import datetime

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

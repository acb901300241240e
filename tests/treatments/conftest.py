"""Fixtures for the plugin's own tests, which run in two sites: this repository's clinic
(settings clinicsite.settings.test) and a bare Wagtail site with only the plugin
(bare_site/settings.py, `make test-plugin`). So nothing here, nor in these tests, imports
the site's apps (home, blog, the site features)."""

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site


@pytest.fixture
def site_root(db):
    """The default site's root page: the clinic's home page, or the bare site's page."""
    return ensure_site_root()


def ensure_site_root():
    """The default site's root page, rebuilt as a plain page when a transactional test's
    flush has removed it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site:
        return site.root_page.specific
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home

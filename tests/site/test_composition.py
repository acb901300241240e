"""How the site composes the plugin with its own apps: the site's templates around the
plugin's blocks and pages, the plugin's form on every page type, and the plugin's section
rules on the site's own sections (the home page and the journal)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text

from blog.models import BlogIndexPage
from tests.treatments import test_clinical_safeguards as plugin_safeguards
from tests.treatments.factories import default_site, publish, soup
from tests.treatments.test_blocks import block
from treatments.models import ClinicSettings


@pytest.fixture
def clinic_settings(db):
    settings = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    settings.booking_url = "https://book.example.com/clinic?ref=site&lang=en"
    settings.save()
    return settings


# --- The site's templates ------------------------------------------------------------


def test_block_preview_uses_the_site_stylesheet(admin_client, clinic_settings):
    cta = block("call_to_action")
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": cta.definition_prefix}
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("link", rel="stylesheet", href="/static/css/clinic.css")
    # Wagtail's own preview page is still there around the block.
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
    button = html.select_one("main .block-call_to_action div.cta a.button")
    assert button["href"] == clinic_settings.booking_url


def test_footer_holds_links_legal_and_social_and_the_home_page_the_visit_card(client, home_page):
    """The footer is the same on every page and says different things from the home page's
    "Visit us" card: ways to reach the clinic, links, social profiles and the legal line;
    the address and opening hours are on the card (and the contact page), not repeated."""
    clinic = ClinicSettings.for_site(default_site())
    clinic.name = "Juniper Clinic"
    clinic.phone = "020 7946 0123"
    clinic.address = "1 High Street\nLondon"
    clinic.social_links = [
        {
            "type": "link",
            "value": {
                "network": "instagram",
                "url": "https://instagram.example/juniper",
                "label": "",
            },
        }
    ]
    clinic.opening_hours = [
        {
            "type": "hours",
            "value": {"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "09:00", "closes": "18:00"},
        },
        {"type": "hours", "value": {"days": ["Sa"], "opens": "10:00", "closes": "14:00"}},
    ]
    clinic.save()
    html = soup(client.get("/"))
    footer = html.select_one("footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Juniper Clinic" in text
    assert footer.select_one('a[href="tel:02079460123"]')
    assert (
        footer.select_one('a[href="https://instagram.example/juniper"]').get_text() == "Instagram"
    )
    assert "© " in text
    assert "1 High Street" not in text
    assert "09:00–18:00" not in text

    visit = html.select_one("section[aria-labelledby=visit-heading]")
    visit_text = " ".join(visit.get_text(" ").split())
    assert "1 High Street London" in visit_text
    assert "Monday to Friday 09:00–18:00" in visit_text
    assert "Saturday 10:00–14:00" in visit_text
    # "Open now" is the browser's to say (the page is kept for everyone): the server sends
    # each row's days and hours for it, and a status line that stays hidden without script.
    row = visit.select_one("dd[data-opens]")
    assert (row["data-days"], row["data-opens"], row["data-closes"]) == (
        "Mo Tu We Th Fr",
        "09:00",
        "18:00",
    )
    assert visit.select_one("[data-open-status]").has_attr("hidden")


# --- Every page type, and the site's own sections --------------------------------------


def test_every_clinic_page_type_is_edited_through_the_checked_form():
    """The claims and conflict checks live in ClinicPageForm: no page type may skip it."""
    from wagtail.models import get_page_models

    from treatments.models import ClinicPageForm

    clinic_types = [
        m for m in get_page_models() if m._meta.app_label in {"treatments", "blog", "home"}
    ]
    assert len(clinic_types) >= 10
    for model in clinic_types:
        assert issubclass(model.base_form_class, ClinicPageForm), model.__name__


class SiteSectionTests(plugin_safeguards.SiteSectionTests):
    """Only site managers take the home page or a section list off the site: the plugin's
    rule (tests/treatments/test_clinical_safeguards.py) on the home page and the journal too."""

    def setUp(self):
        super().setUp()
        self.journal = publish(self.home, BlogIndexPage(title="Journal", slug="journal"))

    def sections(self):
        return [self.home, self.treatments, self.conditions, self.journal]

    def expiry_form(self):
        return self.journal, nested_form_data(
            {
                "title": "Journal",
                "slug": "journal",
                "intro": rich_text("<p>News from the clinic.</p>"),
                "expire_at": "2030-01-01 09:00",
                "action-publish": "Publish",
            }
        )

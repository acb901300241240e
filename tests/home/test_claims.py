"""The claims check on the home app's pages: the home page's fields and the enquiry page."""

import pytest
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import EnquiryPage, HomePage
from tests.blog import test_claims as blog_claims
from tests.treatments.factories import default_site
from treatments.review.claims import Finding, page_findings


@pytest.mark.django_db
def test_any_clinic_page_type_is_checked_the_same_way():
    home = HomePage(title="Home", intro="<p>Risk-free glow.</p>", hero_heading="Our miracle")
    assert page_findings(home) == [
        Finding("miracle", "Welcome › Hero heading"),
        Finding("risk-free", "Welcome › Intro"),
    ]


class EnquiryPageClaimsTests(blog_claims.ClaimsAdminTestCase):
    def test_the_enquiry_page_is_checked_like_every_clinic_page(self):
        home = default_site().root_page
        GroupPagePermission.objects.create(
            group=self.writer.groups.get(), page=home, permission_type="publish"
        )
        GroupPagePermission.objects.create(
            group=self.writer.groups.get(), page=home, permission_type="change"
        )
        contact = home.add_child(
            instance=EnquiryPage(title="Contact us", slug="contact", live=False)
        )
        self.client.force_login(self.writer)
        data = nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "intro": rich_text("<p>Results guaranteed, or your money back.</p>"),
                "thank_you_text": rich_text(""),
                "to_address": "",
                "subject": "New enquiry",
                "action-publish": "1",
            }
        )
        response = self.client.post(self.edit_url(contact), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("“guaranteed”", self.messages(response, "error")[0])
        self.assertFalse(EnquiryPage.objects.get(pk=contact.pk).live)

"""The enquiry page in the editorial roles: only Site managers read enquiries, and the
rights the home app's migration adds to that role (home/migrations/0008_site_manager_rights.py).

Built on the plugin's editorial test case (tests/treatments/test_editorial.py).
"""

from home.models import EnquiryPage
from tests.treatments.factories import publish
from tests.treatments.test_editorial import EditorialTestCase


class SiteManagerRightsTests(EditorialTestCase):
    def test_the_site_migration_gives_site_managers_the_redirects(self):
        """On top of the clinical review app's rights (tests/treatments/test_editorial.py,
        RoleTests), which this site's migration extends."""
        self.assertTrue(self.manager.has_perm("wagtailredirects.add_redirect"))
        self.assertFalse(self.editor.has_perm("wagtailredirects.add_redirect"))


class EnquiryPrivacyTests(EditorialTestCase):
    """Enquiries hold visitors' contact and health details: only Site managers read them."""

    def setUp(self):
        super().setUp()
        self.contact = publish(self.home, EnquiryPage(title="Contact us", slug="contact"))
        self.contact.get_submission_class().objects.create(
            page=self.contact, form_data={"name": "Jane Doe", "message": "My rosacea"}
        )

    def test_only_site_managers_list_read_and_export_enquiries(self):
        submissions = f"/admin/forms/submissions/{self.contact.pk}/"
        for user, allowed in [(self.editor, False), (self.reviewer, False), (self.manager, True)]:
            self.client.force_login(user)
            forms = self.client.get("/admin/forms/")
            self.assertEqual("Contact us" in forms.text, allowed, user.username)
            listing = self.client.get(submissions)
            export = self.client.get(f"{submissions}?export=csv")
            if allowed:
                self.assertContains(listing, "My rosacea")
                self.assertEqual(export.status_code, 200)
            else:
                # Wagtail answers a forbidden admin page by sending the user to the dashboard.
                self.assertNotEqual(listing.status_code, 200, user.username)
                self.assertNotContains(listing, "My rosacea", status_code=listing.status_code)
                self.assertNotEqual(export.status_code, 200, user.username)

    def test_editors_still_edit_the_enquiry_page_but_not_where_enquiries_are_sent(self):
        for user, sees_address in [
            (self.editor, False),
            (self.reviewer, False),
            (self.manager, True),
        ]:
            self.client.force_login(user)
            response = self.client.get(f"/admin/pages/{self.contact.pk}/edit/")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, 'name="intro"')
            # Whoever sets the address would receive every enquiry.
            self.assertEqual('name="to_address"' in response.text, sees_address, user.username)

    def test_only_site_managers_may_delete_the_enquiry_page_and_its_enquiries(self):
        for user in (self.editor, self.reviewer):
            self.client.force_login(user)
            self.assertFalse(self.contact.permissions_for_user(user).can_delete())
            self.client.post(f"/admin/pages/{self.contact.pk}/delete/")
            self.assertTrue(EnquiryPage.objects.filter(pk=self.contact.pk).exists())
        self.assertEqual(self.contact.get_submission_class().objects.count(), 1)
        self.assertTrue(self.contact.permissions_for_user(self.manager).can_delete())

"""What an editor notices in the admin about the journal: posts listed newest first in
the page explorer, as the journal lists them, and post and home page rows headed by what
they chose (the plugin's own admin comforts: tests/treatments/test_admin_editor_comfort.py).
"""

import datetime

from django.urls import reverse

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import HomeFeaturedTreatment
from tests.treatments import test_admin_editor_comfort as plugin
from tests.treatments.factories import make_treatment, publish
from tests.treatments.factories import soup as parse
from treatments.models import Practitioner

text = plugin.text


class JournalAdminTestCase(plugin.AdminTestCase):
    """The plugin's admin set-up, with the journal and posts to put in it."""

    explorer_titles = plugin.ExplorerOrderTests.explorer_titles
    row_headings = plugin.InlineRowTitleTests.row_headings

    def make_journal(self):
        return publish(self.home, BlogIndexPage(title="Journal", slug="journal"))

    def make_post(self, journal, title, day, **fields):
        return publish(
            journal,
            BlogPage(
                title=title,
                date=day,
                summary=f"About {title.lower()}.",
                body=[{"type": "rich_text", "value": "<p>Drink water after a facial.</p>"}],
                **fields,
            ),
        )


class JournalExplorerOrderTests(JournalAdminTestCase):
    def test_journal_posts_are_listed_newest_first_like_the_journal(self):
        journal = self.make_journal()
        newest = self.make_post(journal, "Sun care in May", datetime.date(2025, 5, 1))
        self.make_post(journal, "Winter skin", datetime.date(2024, 12, 1))
        oldest = self.make_post(journal, "Why we opened", datetime.date(2023, 3, 1))
        oldest.save_revision(user=self.editor)  # edited last: still listed by its date
        newest.save_revision(user=self.editor)
        oldest.save_revision(user=self.editor)

        titles = self.explorer_titles(journal)[1]

        self.assertEqual(titles, ["Sun care in May", "Winter skin", "Why we opened"])
        public = [text(a) for a in parse(self.client.get("/journal/")).select("main h2 a")]
        self.assertEqual(titles, public)


class PostAndHomeRowTitleTests(JournalAdminTestCase):
    def test_post_and_home_page_rows_show_their_authors_and_treatments(self):
        needling = make_treatment(self.treatments, "Microneedling")
        amara = Practitioner.objects.create(name="Dr Amara Osei")
        post = self.make_post(
            self.make_journal(),
            "Sun care",
            datetime.date(2025, 5, 1),
            authors=[BlogPageAuthor(practitioner=amara)],
            related_treatments=[BlogRelatedTreatment(treatment=needling)],
        )
        self.home.featured_treatments.add(HomeFeaturedTreatment(treatment=needling))
        self.home.save_revision().publish()

        post_edit = self.get_as(self.editor, reverse("wagtailadmin_pages:edit", args=[post.pk]))
        self.assertEqual(self.row_headings(post_edit, "authors"), ["Dr Amara Osei"])
        self.assertEqual(self.row_headings(post_edit, "related_treatments"), ["Microneedling"])
        home_edit = self.get_as(
            self.editor, reverse("wagtailadmin_pages:edit", args=[self.home.pk])
        )
        self.assertEqual(self.row_headings(home_edit, "featured_treatments"), ["Microneedling"])

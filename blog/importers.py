"""Blog posts and the blog's index page for `manage.py import_content` (docs/importing.md)."""

import datetime

from treatments.importer.types import IndexImporter, PageImporter, in_order, ordered
from treatments.models import Practitioner

from .models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment


class BlogIndexImporter(IndexImporter):
    model = BlogIndexPage


class BlogPostImporter(PageImporter):
    model = BlogPage
    default_parent_model = BlogIndexPage
    rank = 70
    keys = PageImporter.keys | {"date", "tags", "authors", "related_treatments"}
    body_field = "body"
    fields = PageImporter.fields + ["date"]

    def prepare(self):
        super().prepare()
        value = self.get("date")
        if value is None:
            self.date = None  # today for a new post; an existing post keeps its date
        elif isinstance(value, datetime.datetime):
            self.date = value.date()
        elif isinstance(value, datetime.date):
            self.date = value
        else:
            try:
                # Also Jekyll's "2024-01-05 10:00:00 +0100": the day is what a post shows.
                self.date = datetime.date.fromisoformat(str(value).strip()[:10])
            except ValueError:
                raise self.problem(
                    f"`date` must be a date written YYYY-MM-DD, not ‘{value}’", key="date"
                ) from None
        self.tags = self.names("tags")
        for tag in self.tags:
            if len(tag) > 100:
                raise self.problem("a tag can be at most 100 characters", key="tags")
        self.author_names = self.names("authors")
        self.treatment_names = self.names("related_treatments")

    def apply(self, page):
        super().apply(page)
        page.date = self.date or (page.date if page.pk else datetime.date.today())
        page.tags.set(self.tags)
        authors = []
        for name in self.author_names:
            person = Practitioner.objects.filter(name__iexact=name).first()
            if person is None:
                raise self.problem(
                    f"authors: there is no practitioner called ‘{name}’ (add a practitioner "
                    "file to the import, or add them under Snippets › Practitioners)",
                    key="authors",
                )
            authors.append(BlogPageAuthor(practitioner=person))
        page.authors = in_order(authors)
        line = self.source.line_of("related_treatments")
        page.related_treatments = in_order(
            BlogRelatedTreatment(treatment=self.run.treatment(self, name, line))
            for name in self.treatment_names
        )

    def relations(self, page):
        return {
            "tags": sorted(tag.name for tag in page.tags.all()),
            "authors": [link.practitioner_id for link in ordered(page.authors)],
            "treatments": [link.treatment_id for link in ordered(page.related_treatments)],
        }

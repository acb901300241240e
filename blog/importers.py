"""Blog posts and the blog's index page for `manage.py import_content` (docs/importing.md)."""

import datetime
import re

from treatments.importer.types import IndexImporter, PageImporter, in_order, ordered
from treatments.models import Practitioner

from .models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment

# A day, then perhaps a time and a time zone: 2024-01-05, 2024-01-05 10:00:00 +0100,
# 2024-01-05T10:00:00+01:00, 2024-01-05T09:00:00Z.
DATE_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?:\s*(?:Z|[+-][0-9]{2}:?[0-9]{2}))?)?",
    re.IGNORECASE,
)
JEKYLL_FILE_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-")


def valid(match):
    try:
        datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return False
    return True


class BlogIndexImporter(IndexImporter):
    model = BlogIndexPage


class BlogPostImporter(PageImporter):
    model = BlogPage
    default_parent_model = BlogIndexPage
    rank = 70
    # Jekyll's `categories` (and `category`) are kept as tags too.
    keys = PageImporter.keys | {
        "date",
        "tags",
        "categories",
        "category",
        "authors",
        "related_treatments",
    }
    body_field = "body"
    fields = PageImporter.fields + ["date"]

    def prepare(self):
        super().prepare()
        self.date = self.post_date()
        self.tags = []
        for tag in self.names("tags") + self.categories():
            if tag.casefold() not in {known.casefold() for known in self.tags}:
                self.tags.append(tag)
        for tag in self.tags:
            if len(tag) > 100:
                raise self.problem("a tag can be at most 100 characters", key="tags")
        self.author_names = self.names("authors")
        self.treatment_names = self.names("related_treatments")

    def post_date(self):
        """The day the post shows: `date` as YAML or TOML give it, or written as Jekyll
        ("2024-01-05 10:00:00 +0100") or Hugo ("2024-01-05T10:00:00+01:00") write it;
        else the date a Jekyll file name starts with (2024-01-05-title.md); else None
        (today for a new post, while a post imported before keeps its date)."""
        value = self.get("date")
        if value is None or value == "":
            named = JEKYLL_FILE_NAME.match(self.source.path.name)
            return datetime.date.fromisoformat(named.group(1)) if named and valid(named) else None
        if isinstance(value, datetime.datetime):
            return value.date()  # the day as written, whatever its time zone
        if isinstance(value, datetime.date):
            return value
        written = DATE_TIME.fullmatch(str(value).strip())
        if written and valid(written):
            return datetime.date.fromisoformat(written.group(1))
        raise self.problem(
            f"`date` must be a date written YYYY-MM-DD (a time may follow, as in "
            f"2024-01-05T10:00:00+01:00), not ‘{value}’",
            key="date",
        )

    def categories(self):
        """Jekyll's `categories`: a list, or one line of words (Jekyll splits it at spaces,
        or here at commas when it has any)."""
        found = []
        for key in ("categories", "category"):
            value = self.get(key)
            if isinstance(value, str) and "," not in value:
                found += value.split() if key == "categories" else [value.strip()]
            else:
                found += self.names(key)
        return [name for name in found if name]

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

"""The journal's page types as API fields, for both APIs (see treatments/api/fields.py).

Used as the models' `api_fields`; models are looked up per request because the
models import this module.
"""

import datetime

from django.apps import apps
from django.db.models import Prefetch
from ninja import Schema

from treatments.api.content import PractitionerCard, linked_treatments, practitioner_card
from treatments.api.fields import ResolvedField, attribute, hero_image, rich_text, stream
from treatments.api.values import api_images


def model(name):
    return apps.get_model("blog", name)


class Tag(Schema):
    name: str
    slug: str


def _tags(page, context):
    return [{"name": tag.name, "slug": tag.slug} for tag in page.tags.all()]


def _authors_prefetch():
    authors = model("BlogPageAuthor").objects.select_related("practitioner")
    return [
        Prefetch(
            "authors",
            queryset=authors.prefetch_related(
                Prefetch("practitioner__photo", queryset=api_images())
            ),
        )
    ]


def _authors(page, context):
    return [practitioner_card(author.practitioner, context) for author in page.authors.all()]


def post_fields(body_block):
    return [
        attribute("date", datetime.date, description="Publication date."),
        attribute("summary", str),
        ResolvedField("tags", list[Tag], _tags, prefetch=lambda: ["tags"]),
        ResolvedField(
            "authors",
            list[PractitionerCard],
            _authors,
            prefetch=_authors_prefetch,
            description="Who wrote it, in the editor's order.",
        ),
        hero_image(),
        linked_treatments(
            "related_treatments",
            "related_treatments",
            "blog.BlogRelatedTreatment",
            "Treatments the post is about.",
        ),
        stream("body", body_block),
    ]


def index_fields():
    return [rich_text("intro")]

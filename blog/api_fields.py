"""The journal's page types as API fields, for both APIs (see treatments/api/fields.py).

Used as the models' `api_fields`; models are looked up per request because the
models import this module.
"""

import datetime

from django.apps import apps
from django.db.models import Prefetch
from ninja import Schema

from treatments.api.content import (
    PractitionerCard,
    TreatmentCard,
    live,
    practitioner_card,
    treatment_card,
)
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


def _related_prefetch():
    links = model("BlogRelatedTreatment").objects.filter(
        treatment__in=live(apps.get_model("treatments", "TreatmentPage").objects.all())
    )
    return [
        Prefetch(
            "related_treatments",
            queryset=links.select_related("treatment")
            .defer("treatment__body")
            .prefetch_related(Prefetch("treatment__hero_image", queryset=api_images())),
            to_attr="api_related",
        )
    ]


def _related_treatments(page, context):
    links = getattr(page, "api_related", None)
    if links is None:  # a preview: the editor's unsaved list
        links = [link for link in page.related_treatments.all() if link.treatment.live]
    return [treatment_card(link.treatment, context) for link in links]


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
        ResolvedField(
            "related_treatments",
            list[TreatmentCard],
            _related_treatments,
            prefetch=_related_prefetch,
            description="Treatments the post is about.",
        ),
        stream("body", body_block),
    ]


def index_fields():
    return [rich_text("intro")]

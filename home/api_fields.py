"""The home and plain pages as API fields, for both APIs (see treatments/api/fields.py)."""

from django.apps import apps
from django.db.models import Prefetch
from ninja import Schema
from pydantic import Field

from treatments.api.content import TreatmentCard, live, treatment_card
from treatments.api.fields import ResolvedField, attribute, hero_image, rich_text, stream
from treatments.api.values import api_images


class HeroButton(Schema):
    label: str
    url: str = Field(description="The button's link; the clinic's booking link by default.")


def _hero_button(page, context):
    url = page.hero_cta_url
    request = context.get("request")
    if not url and request is not None:
        url = apps.get_model("treatments", "ClinicSettings").for_request(request).booking_url
    return {"label": page.hero_cta_label, "url": url or ""}


def _featured_prefetch():
    links = apps.get_model("home", "HomeFeaturedTreatment").objects.filter(
        treatment__in=live(apps.get_model("treatments", "TreatmentPage").objects.all())
    )
    return [
        Prefetch(
            "featured_treatments",
            queryset=links.select_related("treatment")
            .defer("treatment__body")
            .prefetch_related(Prefetch("treatment__hero_image", queryset=api_images())),
            to_attr="api_featured",
        )
    ]


def _featured(page, context):
    links = getattr(page, "api_featured", None)
    if links is None:  # a preview: the editor's unsaved list
        links = [link for link in page.featured_treatments.all() if link.treatment.live]
    return [treatment_card(link.treatment, context) for link in links]


def home_fields():
    return [
        ResolvedField(
            "hero_heading",
            str,
            lambda page, context: page.hero_heading or page.title,
            description="The big heading visitors see first.",
        ),
        rich_text("intro"),
        hero_image(),
        ResolvedField("hero_button", HeroButton, _hero_button),
        ResolvedField(
            "featured_treatments",
            list[TreatmentCard],
            _featured,
            prefetch=_featured_prefetch,
            description="Treatments to feature, in the editor's order.",
        ),
    ]


def standard_page_fields(body_block):
    return [attribute("summary", str), hero_image(), stream("body", body_block)]

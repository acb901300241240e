"""The home and plain pages as API fields, for both APIs (see treatments/api/fields.py)."""

from ninja import Schema
from pydantic import Field

from treatments.api.content import chosen_testimonials_field, linked_treatments
from treatments.api.fields import ResolvedField, attribute, hero_image, rich_text, stream
from treatments.booking import booking_link


class HeroButton(Schema):
    label: str
    url: str | None = Field(
        description="The button's link; the clinic's booking link by default; null when "
        "neither is set (show no button)."
    )


def _hero_button(page, context):
    return {
        "label": page.hero_cta_label,
        "url": booking_link(page.hero_cta_url, context.get("request")),
    }


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
        linked_treatments(
            "featured_treatments",
            "featured_treatments",
            "home.HomeFeaturedTreatment",
            "Treatments to feature, in the editor's order.",
        ),
        chosen_testimonials_field(
            "testimonials",
            "featured_testimonials",
            "home.HomeTestimonial",
            "Patients' words chosen for the home page, in the editor's order.",
        ),
    ]


def standard_page_fields(body_block):
    return [attribute("summary", str), hero_image(), stream("body", body_block)]

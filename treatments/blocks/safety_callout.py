"""A highlighted warning, e.g. that the massage oil may contain nut oils."""

from wagtail import blocks

from .base import RICH_TEXT_FEATURES, PageSectionMixin


class SafetyCalloutBlock(PageSectionMixin, blocks.StructBlock):
    heading = blocks.CharBlock(
        default="Please tell us first", max_length=80, help_text="A short, clear warning heading."
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Safety callout"
        template = "treatments/blocks/safety_callout.html"
        description = "A highlighted warning, e.g. the massage oil may contain nut oils."
        preview_value = {
            "heading": "Nut allergy?",
            "text": "<p>Our facial oil may contain nut oils: tell us before your treatment.</p>",
        }

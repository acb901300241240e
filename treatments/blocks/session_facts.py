"""Quick facts about a session: duration, needle length, course, downtime, price."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from .base import SectionBlock, heading_block

NEEDLE_MIN_MM = Decimal("0.1")
NEEDLE_MAX_MM = Decimal("3.0")


def needle_range(shortest, longest):
    """'0.5–1.5 mm', '1 mm' or '' from two optional Decimal lengths."""
    lengths = sorted({length.normalize() for length in (shortest, longest) if length is not None})
    return "–".join(f"{length:f}" for length in lengths) + " mm" if lengths else ""


class SessionFactsBlock(SectionBlock):
    heading = heading_block("At a glance")
    duration = blocks.CharBlock(required=False, max_length=60, help_text="e.g. 60 minutes")
    needle_length_min = blocks.DecimalBlock(
        required=False,
        min_value=NEEDLE_MIN_MM,
        max_value=NEEDLE_MAX_MM,
        decimal_places=2,
        label="Shortest needle (mm)",
        help_text="Between 0.1 and 3.0 mm.",
    )
    needle_length_max = blocks.DecimalBlock(
        required=False,
        min_value=NEEDLE_MIN_MM,
        max_value=NEEDLE_MAX_MM,
        decimal_places=2,
        label="Longest needle (mm)",
        help_text="Between 0.1 and 3.0 mm, and no shorter than the shortest.",
    )
    sessions = blocks.CharBlock(
        required=False, max_length=60, label="Sessions in a course", help_text="e.g. 3 to 6"
    )
    spacing = blocks.CharBlock(
        required=False, max_length=80, label="Time between sessions", help_text="e.g. 4–6 weeks"
    )
    time_to_results = blocks.CharBlock(required=False, max_length=80, help_text="e.g. 4–6 weeks")
    downtime = blocks.CharBlock(required=False, max_length=80, help_text="e.g. 1–3 days of redness")
    price_note = blocks.CharBlock(
        required=False,
        max_length=200,
        label="Price or insurance note",
        help_text="e.g. Not usually covered by insurance. The prices themselves go in the "
        "treatment's Prices and booking tab.",
    )

    def clean(self, value):
        value = super().clean(value)
        shortest, longest = value.get("needle_length_min"), value.get("needle_length_max")
        if shortest is not None and longest is not None and shortest > longest:
            raise StructBlockValidationError(
                block_errors={
                    "needle_length_max": ValidationError(
                        "The longest needle must be at least as long as the shortest."
                    )
                }
            )
        return value

    @staticmethod
    def card_duration(raw):
        """The duration a treatment's card shows when its price options give none, from the
        block's stored JSON (so a listing converts no blocks). The price note is not read:
        cards take their price from the treatment's price options (treatments/prices.py)."""
        return (raw.get("duration") or "").strip()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["needle_range"] = needle_range(
            value.get("needle_length_min"), value.get("needle_length_max")
        )
        return context

    class Meta:
        icon = "table"
        label = "Session facts"
        template = "treatments/blocks/session_facts.html"
        description = "Quick facts: duration, needle length, course, downtime, price."
        import_headings = r"(at a glance|session facts|key facts|quick facts)"
        # "Duration: 45 minutes" lines in an imported section: label -> field ("needle"
        # fills the shortest and longest needle from "0.5–1.5 mm").
        import_labels = {
            "duration": "duration",
            "session length": "duration",
            "how long": "duration",
            "needle length": "needle",
            "needles": "needle",
            "needle": "needle",
            "sessions": "sessions",
            "sessions in a course": "sessions",
            "course": "sessions",
            "time between sessions": "spacing",
            "spacing": "spacing",
            "interval": "spacing",
            "time to results": "time_to_results",
            "results": "time_to_results",
            "results in": "time_to_results",
            "downtime": "downtime",
            "recovery": "downtime",
            "price": "price_note",
            "prices": "price_note",
            "cost": "price_note",
        }
        preview_value = {
            "heading": "At a glance",
            "duration": "45 minutes",
            "needle_length_min": Decimal("0.5"),
            "needle_length_max": Decimal("1.5"),
            "sessions": "3 to 6",
            "spacing": "4–6 weeks",
            "downtime": "1–3 days",
        }

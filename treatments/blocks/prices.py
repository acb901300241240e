"""A treatment's price options (the treatment's "Prices" tab): what a visit costs.

Each option is one way to book the treatment ("Full face", "Face and neck") with its length,
its price in the clinic's currency (Settings › Clinic details) and optional courses with a
price of their own. The treatment page shows them as a price table, cards show the lowest,
the APIs give amounts as numbers and the JSON-LD as `offers`. A treatment marked "prices on
request" shows none of the amounts anywhere.
"""

from decimal import Decimal

from wagtail import blocks

DURATION_MIN_MINUTES = 5
DURATION_MAX_MINUTES = 600
COURSE_MIN_SESSIONS = 2
COURSE_MAX_SESSIONS = 20


def amount_block(**kwargs):
    return blocks.DecimalBlock(
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        help_text="In the clinic's currency, e.g. 120 or 89.50. Set the currency under "
        "Settings › Clinic details.",
        **kwargs,
    )


class CourseBlock(blocks.StructBlock):
    sessions = blocks.IntegerBlock(
        min_value=COURSE_MIN_SESSIONS,
        max_value=COURSE_MAX_SESSIONS,
        help_text="How many sessions the course has, e.g. 3.",
    )
    spacing = blocks.CharBlock(
        required=False,
        max_length=60,
        label="Time between sessions",
        help_text="e.g. 4 weeks apart",
    )
    amount = amount_block(label="Course price")

    class Meta:
        icon = "list-ol"
        label = "Course"


class PriceOptionBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=80,
        help_text="What this price is for, e.g. 'Full face' or 'Face and neck'.",
    )
    duration_minutes = blocks.IntegerBlock(
        required=False,
        min_value=DURATION_MIN_MINUTES,
        max_value=DURATION_MAX_MINUTES,
        label="Length (minutes)",
        help_text="How long the appointment takes, in minutes (5 to 600).",
    )
    amount = amount_block(label="Price")
    is_from = blocks.BooleanBlock(
        required=False,
        label="'From' price",
        help_text="Tick if this is the lowest it costs and it may cost more (shown as "
        "'from £120').",
    )
    courses = blocks.ListBlock(
        CourseBlock(),
        default=[],
        min_num=0,
        help_text="Optional: courses of several sessions at a price of their own.",
    )

    class Meta:
        icon = "tag"
        label = "Price option"
        preview_value = {
            "name": "Full face",
            "duration_minutes": 60,
            "amount": Decimal("180"),
            "is_from": True,
            "courses": [{"sessions": 3, "spacing": "4 weeks apart", "amount": Decimal("495")}],
        }

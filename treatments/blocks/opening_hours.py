"""A row of the clinic's opening hours (Settings › Clinic details)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

# schema.org day codes, in week order.
WEEKDAYS = [
    ("Mo", "Monday"),
    ("Tu", "Tuesday"),
    ("We", "Wednesday"),
    ("Th", "Thursday"),
    ("Fr", "Friday"),
    ("Sa", "Saturday"),
    ("Su", "Sunday"),
]


def days_label(codes):
    """'Monday to Friday, Sunday' from ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Su']."""
    order = [code for code, _ in WEEKDAYS]
    names = dict(WEEKDAYS)
    picked = sorted(set(codes), key=order.index)
    runs, run = [], []
    for code in picked:
        if run and order.index(code) != order.index(run[-1]) + 1:
            runs.append(run)
            run = []
        run.append(code)
    if run:
        runs.append(run)
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} to {names[run[-1]]}")
        else:
            parts.extend(names[code] for code in run)
    return ", ".join(parts)


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS, help_text="The days these hours apply to.")
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["opens"] >= value["closes"]:
            raise StructBlockValidationError(
                block_errors={"closes": ValidationError("Closing time must be after opening time.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["days_label"] = days_label(value["days"])
        return context

    def schema_org_properties(self, value, context=None):
        """An OpeningHoursSpecification, for the clinic's schema.org entry."""
        if not (value["days"] and value["opens"] and value["closes"]):
            return {}
        names = dict(WEEKDAYS)
        return {
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [f"https://schema.org/{names[code]}" for code in value["days"]],
                    "opens": value["opens"].strftime("%H:%M"),
                    "closes": value["closes"].strftime("%H:%M"),
                }
            ]
        }

    class Meta:
        icon = "time"
        label = "Opening hours"
        template = "treatments/blocks/opening_hours.html"
        description = "The days and hours the clinic is open."
        preview_value = {
            "days": ["Mo", "Tu", "We", "Th", "Fr"],
            "opens": "09:00",
            "closes": "18:00",
        }

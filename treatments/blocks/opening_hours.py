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


def closure_days(value):
    """(first, last) day of a closure; a single day's last day is its first."""
    return value["first_day"], value["last_day"] or value["first_day"]


def upcoming_closures(stream, today):
    """The closures of `stream` not over by `today`, soonest first: the one rule for the
    page, its cards, the API and the JSON-LD (past closures are left out everywhere)."""
    found = [child for child in stream or [] if closure_days(child.value)[1] >= today]
    return sorted(found, key=lambda child: closure_days(child.value))


class ClosureBlock(blocks.StructBlock):
    """Days a location is closed outside its usual hours: a bank holiday, a training day."""

    first_day = blocks.DateBlock(help_text="The first day it is closed.")
    last_day = blocks.DateBlock(
        required=False, help_text="The last day it is closed. Leave empty for a single day."
    )
    note = blocks.CharBlock(
        required=False, max_length=80, help_text="Optional: why, e.g. 'Christmas and New Year'."
    )

    def clean(self, value):
        value = super().clean(value)
        if value["last_day"] and value["first_day"] and value["last_day"] < value["first_day"]:
            raise StructBlockValidationError(
                block_errors={
                    "last_day": ValidationError("The last day must not be before the first.")
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["first_day"], context["last_day"] = closure_days(value)
        return context

    def get_api_representation(self, value, context=None):
        """Both days always given (a single day's last day is its first), as dates."""
        first, last = closure_days(value)
        return {"first_day": first.isoformat(), "last_day": last.isoformat(), "note": value["note"]}

    def schema_org_properties(self, value, context=None):
        """A day-long OpeningHoursSpecification with no opening hours: closed those days."""
        first, last = closure_days(value)
        return {
            "specialOpeningHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": first.isoformat(),
                    "validThrough": last.isoformat(),
                    "opens": "00:00",
                    "closes": "00:00",
                    **({"description": value["note"]} if value["note"] else {}),
                }
            ]
        }

    class Meta:
        icon = "date"
        label = "Closure"
        template = "treatments/blocks/closure.html"
        description = "Days the location is closed, e.g. a bank holiday."
        preview_value = {"first_day": "2026-12-25", "last_day": "2026-12-26", "note": "Christmas"}

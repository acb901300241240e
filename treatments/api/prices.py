"""A treatment's prices in both APIs: amounts as JSON numbers in the clinic's currency, and
no amount at all (the key left out, not null) when the treatment's prices are on request.
The values come from treatments/prices.py, as the page's price table and JSON-LD do."""

from ninja import Schema
from pydantic import Field

from ..prices import currency_for, prices_json
from .fields import ResolvedField


def _hidden_amount(description):
    """An amount left out of the JSON when prices are on request: never null."""
    return Field(
        None,
        exclude_if=lambda value: value is None,
        # Absent, not null: the document must not promise a null the API never sends.
        json_schema_extra=lambda schema: schema.pop("default", None),
        description=description,
    )


class Course(Schema):
    """A course of several sessions at a price of its own."""

    sessions: int = Field(description="How many sessions the course has.")
    spacing: str = Field(description="The time between sessions, e.g. '4 weeks apart'; may be ''.")
    amount: float = _hidden_amount(
        "The course's price in `currency`; absent when prices are on request."
    )


class PriceOption(Schema):
    """One way to book the treatment, e.g. 'Face and neck'."""

    name: str
    duration_minutes: int | None = Field(description="The appointment's length; null if not set.")
    amount: float = _hidden_amount(
        "The price in `currency`, e.g. 180 or 89.5; absent when prices are on request."
    )
    is_from: bool = Field(description="True when `amount` is the lowest it costs ('from £180').")
    courses: list[Course]


class Prices(Schema):
    """What the treatment costs, in the editor's order of options."""

    currency: str = Field(
        description="ISO 4217 code of every amount, from the clinic's settings, e.g. GBP.",
        examples=["GBP"],
    )
    prices_on_request: bool = Field(
        description="True when the clinic does not publish the amounts: say 'Prices on "
        "request' and leave them out (the options still name what can be booked)."
    )
    price_note: str = Field(description="A line to show under the prices; may be ''.")
    options: list[PriceOption]


def price_field():
    return ResolvedField(
        "prices",
        Prices,
        lambda page, context: prices_json(page, currency_for(context.get("request"))),
        description="The treatment's price options with their courses, amounts as numbers.",
    )

"""What a treatment costs: the one rule for its price table, its card and booking bar, both
APIs and its JSON-LD `offers`.

Prices are read from the treatment's stored `prices` JSON (no blocks are converted, so a
list of cards costs nothing more per card) and written in the currency of the request's site
(Settings › Clinic details): "£180", "£89.50", "from £120", or "CHF 120" for a currency
without a symbol here. With "prices on request" no amount leaves this module: the options'
names and lengths are still given, their amounts are not.
"""

from collections import namedtuple
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from wagtail.models import Site

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}

# What a treatment's card and booking bar show: "from £120" and "60 min" ("" when unknown).
CardFacts = namedtuple("CardFacts", "duration price")


def currency_for(request):
    """The ISO 4217 code of the prices on the request's site (of the default site without a
    request). ClinicSettings.for_request is kept on the request: one query at most."""
    ClinicSettings = apps.get_model("treatments", "ClinicSettings")
    if request is not None:
        return ClinicSettings.for_request(request).currency
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ClinicSettings._meta.get_field("currency").default
    return ClinicSettings.for_site(site).currency


def money(amount, currency):
    """'£180', '£89.50', '€1,200' or 'CHF 120': whole amounts without the pence."""
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{currency} {text}"


def price_text(amount, currency, is_from=False):
    """'£180', or 'from £180' for the lowest of what it may cost."""
    text = money(amount, currency)
    return f"from {text}" if is_from else text


def minutes_text(minutes):
    return f"{minutes} min" if minutes else ""


def number(amount):
    """A Decimal amount as a JSON number: 180 or 89.5, never the string "180.00"."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _amount(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _items(raw):
    """The values of a ListBlock's stored JSON, in either of Wagtail's formats."""
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        elif isinstance(item, dict):
            yield item


@dataclass(frozen=True)
class Course:
    sessions: int
    spacing: str
    amount: Decimal | None  # None when prices are on request
    currency: str

    @property
    def label(self):
        """'Course of 3, 4 weeks apart'."""
        spacing = f", {self.spacing}" if self.spacing else ""
        return f"Course of {self.sessions}{spacing}"

    @property
    def price(self):
        return money(self.amount, self.currency) if self.amount is not None else ""


@dataclass(frozen=True)
class PriceOption:
    name: str
    duration_minutes: int | None
    amount: Decimal | None  # None when prices are on request
    is_from: bool
    courses: tuple
    currency: str

    @property
    def duration(self):
        return minutes_text(self.duration_minutes)

    @property
    def price(self):
        if self.amount is None:
            return ""
        return price_text(self.amount, self.currency, self.is_from)


@dataclass(frozen=True)
class PriceList:
    """A treatment's price options as visitors and apps see them; true when there is
    something to show (options, or the "prices on request" wording)."""

    options: tuple
    currency: str
    on_request: bool
    note: str

    def __bool__(self):
        return bool(self.options) or self.on_request

    @property
    def has_durations(self):
        return any(option.duration_minutes for option in self.options)

    def lowest(self):
        """The option with the lowest amount (the first of equals), or None."""
        priced = [option for option in self.options if option.amount is not None]
        return min(priced, key=lambda option: option.amount) if priced else None


def price_list(page, currency):
    """The treatment's `PriceList`, from its stored JSON."""
    hidden = page.prices_on_request
    options = []
    for block in page.prices.raw_data:
        if block.get("type") != "option":
            continue
        value = block.get("value") or {}
        courses = tuple(
            Course(
                sessions=course.get("sessions") or 0,
                spacing=(course.get("spacing") or "").strip(),
                amount=None if hidden else _amount(course.get("amount")),
                currency=currency,
            )
            for course in _items(value.get("courses"))
        )
        options.append(
            PriceOption(
                name=(value.get("name") or "").strip(),
                duration_minutes=value.get("duration_minutes") or None,
                amount=None if hidden else _amount(value.get("amount")),
                is_from=bool(value.get("is_from")),
                courses=courses,
                currency=currency,
            )
        )
    return PriceList(tuple(options), currency, hidden, page.price_note.strip())


def card_facts(page, currency, duration=""):
    """'from £120' and '60 min' for a card: the lowest price ("from" when it says so or when
    there are other options) and that option's length, else `duration` (the session facts').
    With prices on request, no amount."""
    prices = price_list(page, currency)
    lowest = prices.lowest()
    if lowest is None:
        first = prices.options[0].duration if prices.options else ""
        return CardFacts(first or duration, "")
    is_from = lowest.is_from or len(prices.options) > 1
    return CardFacts(lowest.duration or duration, price_text(lowest.amount, currency, is_from))


# --- For apps and search engines ------------------------------------------------------


def _with_amount(item, amount):
    """`item` with its amount as a number; without the key when the amount is hidden."""
    return item if amount is None else {**item, "amount": number(amount)}


def prices_json(page, currency):
    """The prices as both APIs give them: numbers, not text (`amount` left out on request)."""
    prices = price_list(page, currency)
    return {
        "currency": prices.currency,
        "prices_on_request": prices.on_request,
        "price_note": prices.note,
        "options": [
            _with_amount(
                {
                    "name": option.name,
                    "duration_minutes": option.duration_minutes,
                    "is_from": option.is_from,
                    "courses": [
                        _with_amount(
                            {"sessions": course.sessions, "spacing": course.spacing},
                            course.amount,
                        )
                        for course in option.courses
                    ],
                },
                option.amount,
            )
            for option in prices.options
        ],
    }


def _offer(name, amount, currency, is_from, url):
    offer = {"@type": "Offer", "name": name, "priceCurrency": currency, "url": url}
    if is_from:
        offer["priceSpecification"] = {
            "@type": "PriceSpecification",
            "minPrice": number(amount),
            "priceCurrency": currency,
        }
    else:
        offer["price"] = number(amount)
    return {key: value for key, value in offer.items() if value not in (None, "")}


def offers(page, currency, url=None):
    """schema.org `Offer`s, one per option and one per course ("Face and neck: course of 3,
    4 weeks apart"); a "from" price as a `PriceSpecification` with `minPrice`. None on
    request: search engines get no amounts either."""
    prices = price_list(page, currency)
    found = []
    for option in prices.options:
        if option.amount is None:
            continue
        found.append(_offer(option.name, option.amount, currency, option.is_from, url))
        for course in option.courses:
            if course.amount is not None:
                name = f"{option.name}: {course.label[0].lower()}{course.label[1:]}"
                found.append(_offer(name, course.amount, currency, False, url))
    return found

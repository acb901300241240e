"""Prices and courses: what a treatment costs, told the same way everywhere.

A visitor reads a price table on the treatment page ("Face and neck · 75 min · £220", its
courses beneath), the lowest price on the treatment's card and booking bar ("from £120 ·
60 min"); apps read the amounts as numbers; search engines read schema.org `Offer`s. All in
the currency of Settings › Clinic details. "Prices on request" hides every amount, everywhere.
Editors get clear errors for impossible prices, in the admin and from the importer.
"""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import streamfield

from treatments.models import ClinicSettings, TreatmentPage

from .factories import build_indexes, default_site, make_treatment, soup
from .test_api import get_json, openapi_document
from .test_editorial import EditorialTestCase, edit_url, latest_draft, treatment_form

SESSION_FACTS = {
    "type": "session_facts",
    "value": {"heading": "At a glance", "duration": "45–60 minutes", "price_note": ""},
}


def option(name, amount, minutes=None, is_from=False, courses=()):
    return {
        "type": "option",
        "value": {
            "name": name,
            "duration_minutes": minutes,
            "amount": amount,
            "is_from": is_from,
            "courses": [
                {"sessions": sessions, "spacing": spacing, "amount": price}
                for sessions, spacing, price in courses
            ],
        },
    }


MICRONEEDLING_PRICES = [
    option("Face", "180.00", 60, courses=[(3, "4 weeks apart", "495.00")]),
    option("Face and neck", "220", 75),
    option("Scars, one area", "89.50", 45, is_from=True),
]


@pytest.fixture
def tree(site_root):
    return build_indexes(site_root)


@pytest.fixture
def microneedling(tree):
    treatments, _ = tree
    return make_treatment(
        treatments,
        "Microneedling",
        body=[SESSION_FACTS],
        prices=MICRONEEDLING_PRICES,
        price_note="Not usually covered by insurance.",
    )


def set_currency(code):
    clinic = ClinicSettings.for_site(default_site())
    clinic.currency = code
    clinic.save()


def table_rows(html):
    """Each row of the price table as the texts of its cells, headers included."""
    table = html.select_one(".price-table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.select("tr")
    ]


def card_meta(html, title):
    """What a card shows sighted visitors under its title (its price, then its length)."""
    card = next(c for c in html.select(".card") if c.select_one("h2").get_text(strip=True) == title)
    return [
        "".join(li.find_all(string=True, recursive=False)).strip()
        for li in card.select(".card__meta li")
    ]


# --- The treatment page -----------------------------------------------------------


def test_the_price_table_lists_options_lengths_prices_and_courses(client, microneedling):
    html = soup(client.get(microneedling.url))
    section = html.select_one("section#prices")
    assert section.select_one("h2").get_text(strip=True) == "Prices"
    assert table_rows(html) == [
        ["Option", "Length", "Price"],
        ["Face", "60 min", "£180"],
        ["Face: Course of 3, 4 weeks apart", "3 × 60 min", "£495"],
        ["Face and neck", "75 min", "£220"],
        ["Scars, one area", "45 min", "from £89.50"],
    ]
    table = section.select_one("table")
    assert table.select_one("caption").get_text(strip=True) == (
        "Microneedling: prices and appointment lengths"
    )
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col", "col"]
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    assert section.select_one(".price-note").get_text(strip=True) == (
        "Not usually covered by insurance."
    )
    # In the contents list, before the FAQ and after the body's sections.
    assert "Prices" in [a.get_text(strip=True) for a in html.select(".toc a")]


def test_a_table_without_courses_or_lengths_has_no_empty_column(client, tree):
    treatments, _ = tree
    page = make_treatment(treatments, "Peel", prices=[option("Light peel", "65")])
    assert table_rows(soup(client.get(page.url))) == [["Option", "Price"], ["Light peel", "£65"]]


def test_a_treatment_without_prices_has_no_prices_section(client, tree):
    treatments, _ = tree
    page = make_treatment(treatments, "Massage", body=[SESSION_FACTS])
    html = soup(client.get(page.url))
    assert html.select_one("#prices") is None
    assert html.select_one(".price-table") is None


@pytest.mark.parametrize(
    "code, face, scars",
    [
        ("EUR", "€180", "from €89.50"),
        ("USD", "$180", "from $89.50"),
        ("CHF", "CHF 180", "from CHF 89.50"),
    ],
)
def test_amounts_are_in_the_clinics_currency(client, microneedling, code, face, scars):
    set_currency(code)
    rows = table_rows(soup(client.get(microneedling.url)))
    assert rows[1][-1] == face
    assert rows[-1][-1] == scars


def test_the_side_panel_and_booking_bar_show_the_lowest_price(client, microneedling):
    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_url = "https://book.example.com/"
    clinic.save()
    html = soup(client.get(microneedling.url))
    link = html.select_one(".side-panel .facts a[href='#prices']")
    assert link.get_text(" ", strip=True) == "From £89.50 : see all prices"
    assert html.select_one(".booking-bar small").get_text(strip=True) == "from £89.50"


def test_prices_on_request_hide_every_amount_and_say_how_to_ask(client, microneedling):
    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_url = "https://book.example.com/"
    clinic.phone = "020 7946 0000"
    clinic.save()
    microneedling.prices_on_request = True
    microneedling.save_revision().publish()
    response = client.get(microneedling.url)
    html = soup(response)
    assert table_rows(html) == [
        ["Option", "Length"],
        ["Face", "60 min"],
        ["Face: Course of 3, 4 weeks apart", "3 × 60 min"],
        ["Face and neck", "75 min"],
        ["Scars, one area", "45 min"],
    ]
    ask = html.select_one(".price-request")
    assert ask.get_text(" ", strip=True).startswith("Prices on request.")
    assert ask.select_one("a[href='https://book.example.com/']") is not None
    assert ask.select_one("a[href='tel:02079460000']") is not None
    assert "£" not in response.content.decode()  # not the card, bar, panel nor JSON-LD
    index = soup(client.get(microneedling.get_parent().url))
    assert card_meta(index, "Microneedling") == ["60 min"]


# --- Cards --------------------------------------------------------------------------


def test_cards_show_the_lowest_price_and_its_length(client, tree):
    treatments, _ = tree
    make_treatment(
        treatments,
        "Two options",
        prices=[option("Full face", "150", 75), option("Express", "120", 60)],
    )
    make_treatment(treatments, "One option", prices=[option("Session", "70", 60)])
    make_treatment(treatments, "One from price", prices=[option("Area", "95.5", 30, is_from=True)])
    make_treatment(treatments, "No prices", body=[SESSION_FACTS])
    make_treatment(treatments, "No length", body=[SESSION_FACTS], prices=[option("Visit", "40")])
    html = soup(client.get(treatments.url))
    assert card_meta(html, "Two options") == ["from £120", "60 min"]
    assert card_meta(html, "One option") == ["£70", "60 min"]
    assert card_meta(html, "One from price") == ["from £95.50", "30 min"]
    assert card_meta(html, "No prices") == ["45–60 minutes"]
    assert card_meta(html, "No length") == ["£40", "45–60 minutes"]


def listing_queries(client, url):
    client.get(url)  # renditions and settings made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_treatment_index_costs_the_same_with_3_or_20_treatments_and_options(client, tree):
    treatments, _ = tree

    def prices(count):
        return [option(f"Option {i}", f"{100 + i}", 30 + i) for i in range(count)]

    pages = [make_treatment(treatments, f"Treatment {i}", prices=prices(3)) for i in range(3)]
    few = listing_queries(client, treatments.url)
    for page in pages:
        page.prices = prices(20)
        page.save_revision().publish()
    assert listing_queries(client, treatments.url) == few
    for i in range(3, 20):
        make_treatment(treatments, f"Treatment {i}", prices=prices(20))
    assert listing_queries(client, treatments.url) == few
    assert card_meta(soup(client.get(treatments.url)), "Treatment 19") == ["from £100", "30 min"]


def test_a_treatment_page_costs_the_same_with_3_or_20_price_options(client, tree):
    treatments, _ = tree
    small = make_treatment(
        treatments, "Small", prices=[option(f"O{i}", "10", 30) for i in range(3)]
    )
    large = make_treatment(
        treatments,
        "Large",
        prices=[option(f"O{i}", "10", 30, courses=[(3, "weekly", "25")]) for i in range(20)],
    )
    assert listing_queries(client, small.url) == listing_queries(client, large.url)


# --- Apps -------------------------------------------------------------------------------


EXPECTED_JSON = {
    "currency": "GBP",
    "prices_on_request": False,
    "price_note": "Not usually covered by insurance.",
    "options": [
        {
            "name": "Face",
            "duration_minutes": 60,
            "amount": 180,
            "is_from": False,
            "courses": [{"sessions": 3, "spacing": "4 weeks apart", "amount": 495}],
        },
        {
            "name": "Face and neck",
            "duration_minutes": 75,
            "amount": 220,
            "is_from": False,
            "courses": [],
        },
        {
            "name": "Scars, one area",
            "duration_minutes": 45,
            "amount": 89.5,
            "is_from": True,
            "courses": [],
        },
    ],
}


def api_prices(client, page):
    v2 = get_json(client, f"/api/v2/pages/{page.pk}/")["prices"]
    clinic = get_json(client, f"/api/clinic/v1/treatments/{page.pk}/")["prices"]
    listed = get_json(client, "/api/clinic/v1/treatments/")["items"][0]["prices"]
    return v2, clinic, listed


def test_both_apis_give_amounts_as_numbers(client, microneedling):
    for prices in api_prices(client, microneedling):
        assert prices == EXPECTED_JSON
        amounts = [o["amount"] for o in prices["options"]]
        assert all(isinstance(a, int | float) and not isinstance(a, bool) for a in amounts)


def test_on_request_the_apis_leave_the_amounts_out(client, microneedling):
    set_currency("EUR")
    microneedling.prices_on_request = True
    microneedling.save_revision().publish()
    for prices in api_prices(client, microneedling):
        assert prices["prices_on_request"] is True
        assert prices["currency"] == "EUR"
        assert [o["name"] for o in prices["options"]] == [
            "Face",
            "Face and neck",
            "Scars, one area",
        ]
        assert "amount" not in json.dumps(prices)


def test_the_openapi_document_types_prices(client):
    document = openapi_document()
    schemas = document["components"]["schemas"]
    detail = schemas["TreatmentPageDetail"]["properties"]["prices"]
    refs = [detail.get("$ref")] + [part.get("$ref") for part in detail.get("allOf", [])]
    assert "#/components/schemas/Prices" in refs
    prices = schemas["Prices"]
    assert prices["properties"]["currency"]["type"] == "string"
    assert prices["properties"]["prices_on_request"]["type"] == "boolean"
    option_schema = schemas["PriceOption"]
    assert option_schema["properties"]["amount"]["type"] == "number"
    assert "default" not in option_schema["properties"]["amount"]
    assert "amount" not in option_schema["required"]  # absent on request, never null
    assert option_schema["properties"]["is_from"]["type"] == "boolean"
    assert option_schema["properties"]["duration_minutes"]["anyOf"] == [
        {"type": "integer"},
        {"type": "null"},
    ]
    course = schemas["Course"]
    assert course["properties"]["amount"]["type"] == "number"
    assert course["properties"]["sessions"]["type"] == "integer"
    assert "{}" not in json.dumps([prices, option_schema, course]).replace(" ", "")


# --- Search engines -----------------------------------------------------------------------


def procedure(client, page):
    html = soup(client.get(page.url))
    items = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
    return next(item for item in items if "MedicalProcedure" in item["@type"])


def test_json_ld_offers_each_price_and_course(client, microneedling):
    item = procedure(client, microneedling)
    assert "Service" in item["@type"]
    url = item["url"]
    assert item["offers"] == [
        {"@type": "Offer", "name": "Face", "priceCurrency": "GBP", "url": url, "price": 180},
        {
            "@type": "Offer",
            "name": "Face: course of 3, 4 weeks apart",
            "priceCurrency": "GBP",
            "url": url,
            "price": 495,
        },
        {
            "@type": "Offer",
            "name": "Face and neck",
            "priceCurrency": "GBP",
            "url": url,
            "price": 220,
        },
        {
            "@type": "Offer",
            "name": "Scars, one area",
            "priceCurrency": "GBP",
            "url": url,
            "priceSpecification": {
                "@type": "PriceSpecification",
                "minPrice": 89.5,
                "priceCurrency": "GBP",
            },
        },
    ]


def test_json_ld_has_no_offers_on_request_or_without_prices(client, microneedling, tree):
    microneedling.prices_on_request = True
    microneedling.save_revision().publish()
    item = procedure(client, microneedling)
    assert "offers" not in item
    assert "Service" not in item["@type"]
    plain = make_treatment(tree[0], "Massage")
    assert "offers" not in procedure(client, plain)


# --- The importer -------------------------------------------------------------------------


TREATMENT_FILE = """---
type: treatment
title: {title}
summary: Fine needles renew the skin.
{extra}---

## What to expect

1. **Numbing** Cream for twenty minutes.
"""


def run_import(folder):
    """Import the folder and publish it; what the command said went wrong (stderr)."""
    errors = io.StringIO()
    call_command(
        "import_content",
        str(folder),
        publish=True,
        publish_unreviewed=True,
        stdout=io.StringIO(),
        stderr=errors,
    )
    return errors.getvalue()


@pytest.fixture
def import_folder(tmp_path, tree):
    (tmp_path / "_index.md").write_text(
        "---\ntype: treatment-index\ntitle: Treatments\nslug: treatments\n---\n\nOur care.\n"
    )
    return tmp_path


def test_the_importer_reads_prices_courses_and_the_note(import_folder):
    (import_folder / "microneedling.md").write_text(
        TREATMENT_FILE.format(
            title="Microneedling",
            extra="""prices:
  - name: Face
    minutes: 60
    price: 180
    courses:
      - sessions: 3
        spacing: 4 weeks apart
        price: 495
  - name: Scars, one area
    duration: 45 min
    price: 89.50
    from: true
price_note: Not usually covered by insurance.
prices_on_request: false
""",
        )
    )
    run_import(import_folder)
    page = TreatmentPage.objects.get(slug="microneedling")
    assert page.price_note == "Not usually covered by insurance."
    assert page.prices_on_request is False
    values = [block.value for block in page.prices]
    assert [(v["name"], v["duration_minutes"], v["amount"], v["is_from"]) for v in values] == [
        ("Face", 60, Decimal("180"), False),
        ("Scars, one area", 45, Decimal("89.50"), True),
    ]
    course = values[0]["courses"][0]
    assert (course["sessions"], course["spacing"], course["amount"]) == (
        3,
        "4 weeks apart",
        Decimal("495"),
    )
    revisions = page.revisions.count()
    run_import(import_folder)  # the same file again changes nothing
    assert page.revisions.count() == revisions


PRICES_HEAD = "prices:\n  - name: Face\n    minutes: 60\n"
# The line of each problem: the front matter starts on line 2 ("type:" ), prices on line 5.
BAD_PRICES = [
    (PRICES_HEAD + "    price: -5\n", 8, "cannot be below 0"),
    (PRICES_HEAD + "    price: 89.555\n", 8, "more than two decimals"),
    (PRICES_HEAD + "    price: £80\n", 8, "leave out the currency sign"),
    ("prices:\n  - name: Face\n    minutes: 4\n    price: 80\n", 7, "5 to 600 minutes"),
    ("prices:\n  - name: Face\n    minutes: 601\n    price: 80\n", 7, "5 to 600 minutes"),
    (PRICES_HEAD + "    price: 80\n    colour: red\n", 9, "unknown key `colour`"),
    (PRICES_HEAD, 6, "needs `price`"),
    (
        PRICES_HEAD + "    price: 80\n    courses:\n      - sessions: 3\n        cost: 200\n",
        11,
        "unknown key `cost`",
    ),
    (
        PRICES_HEAD + "    price: 80\n    courses:\n      - sessions: 1\n        price: 80\n",
        10,
        "`sessions` must be a whole number from 2 to 20",
    ),
    ("prices_on_request: maybe\n", 5, "must be true or false"),
]


@pytest.mark.parametrize("front_matter, line, message", BAD_PRICES)
def test_bad_prices_stop_the_whole_import_at_their_line(import_folder, front_matter, line, message):
    (import_folder / "a-good-one.md").write_text(
        TREATMENT_FILE.format(title="A good one", extra="prices:\n  - name: Face\n    price: 1\n")
    )
    (import_folder / "microneedling.md").write_text(
        TREATMENT_FILE.format(title="Microneedling", extra=front_matter)
    )
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(import_folder), stdout=io.StringIO(), stderr=errors)
    assert f"microneedling.md:{line}: " in errors.getvalue()
    assert message in errors.getvalue()
    assert not TreatmentPage.objects.exists()  # all or nothing


# --- The admin ------------------------------------------------------------------------------


def price_form_value(name="Face", duration="60", amount="180", courses=()):
    from .factories import list_block

    return {
        "name": name,
        "duration_minutes": duration,
        "amount": amount,
        "is_from": "",
        "courses": list_block(
            [{"sessions": s, "spacing": sp, "amount": a} for s, sp, a in courses]
        ),
    }


class AdminPriceValidationTests(EditorialTestCase):
    def save_prices(self, *options):
        data = treatment_form(
            self.treatment, prices=streamfield([("option", value) for value in options])
        )
        self.client.force_login(self.manager)
        return self.client.post(edit_url(self.treatment), data)

    def errors_shown(self, response):
        """The errors the editor sees on the prices (the form comes back, unsaved)."""
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(latest_draft(self.treatment).prices.raw_data), [])
        errors = response.context["form"].errors.as_data()["prices"]
        return json.dumps([error.as_json_data() for error in errors])

    def test_a_valid_price_list_saves(self):
        response = self.save_prices(
            price_form_value(courses=[("3", "4 weeks apart", "495")]),
            price_form_value("Express", "30", "89.50"),
        )
        self.assertEqual(response.status_code, 302)
        draft = latest_draft(self.treatment)
        self.assertEqual(
            [(o.value["name"], o.value["amount"]) for o in draft.prices],
            [("Face", Decimal("180")), ("Express", Decimal("89.50"))],
        )

    def test_negative_amounts_are_refused(self):
        html = self.errors_shown(self.save_prices(price_form_value(amount="-1")))
        self.assertIn("Ensure this value is greater than or equal to 0", html)

    def test_amounts_with_three_decimals_are_refused(self):
        html = self.errors_shown(self.save_prices(price_form_value(amount="89.555")))
        self.assertIn("Ensure that there are no more than 2 decimal places", html)

    def test_lengths_outside_5_to_600_minutes_are_refused(self):
        for minutes, message in [
            ("4", "greater than or equal to 5"),
            ("601", "less than or equal to 600"),
        ]:
            html = self.errors_shown(self.save_prices(price_form_value(duration=minutes)))
            self.assertIn(message, html)

    def test_a_course_price_is_checked_too(self):
        html = self.errors_shown(self.save_prices(price_form_value(courses=[("3", "", "-10")])))
        self.assertIn("Ensure this value is greater than or equal to 0", html)

"""A clinic with several sites: the locations list and pages, "Where to have it" on a treatment,
each location's MedicalClinic for search engines, the API's typed locations and the importer's
`location` files (issue 22, "Locations").

Runs in the bare site too: what the site's own footer and contact page show is tested in
tests/site/test_locations.py.
"""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from treatments.blocks import ClosureBlock
from treatments.models import LocationIndexPage, LocationPage
from treatments.schema_org.locations import postal_address

from .factories import build_indexes, graph, make_treatment, one, publish, soup
from .test_api import get_json, openapi_document

pytestmark = pytest.mark.django_db

HOURS = [
    {"type": "hours", "value": {"days": ["Mo", "Tu", "We"], "opens": "09:00", "closes": "18:00"}},
    {"type": "hours", "value": {"days": ["Sa"], "opens": "10:00", "closes": "14:00"}},
]


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def closure(first, last=None, note=""):
    return {
        "type": "closure",
        "value": {
            "first_day": first.isoformat(),
            "last_day": last.isoformat() if last else None,
            "note": note,
        },
    }


def make_location(index, title, treatments=(), live=True, **fields):
    fields.setdefault("address", f"1 {title} Street\nLondon\nN1 1AA")
    page = LocationPage(title=title, live=live, **fields)
    index.add_child(instance=page)
    page.treatments.set(treatments)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


@pytest.fixture
def clinic(site_root):
    """Two treatments and an empty locations list."""
    treatments, _ = build_indexes(site_root)
    index = publish(site_root, LocationIndexPage(title="Locations", slug="locations"))
    return {
        "index": index,
        "massage": make_treatment(treatments, "Facial massage"),
        "needling": make_treatment(treatments, "Microneedling"),
        "treatments": treatments,
    }


def text_of(node):
    return " ".join(node.get_text(" ").split())


# --- The pages --------------------------------------------------------------------------


def test_a_location_page_says_where_it_is_when_it_is_open_and_what_it_offers(client, clinic):
    draft = make_treatment(clinic["treatments"], "Peel", live=False)
    location = make_location(
        clinic["index"],
        "Islington",
        treatments=[clinic["needling"], clinic["massage"], draft],
        summary="Two minutes from Angel station.",
        address="First floor, 14 Juniper Yard\nMarlow Street\nLondon\nN1 9ZZ",
        phone="020 7946 0321",
        email="islington@clinic.example",
        opening_hours=HOURS,
        directions="Turn left out of the station.\n\nThe stairs have a handrail.",
        map_url="https://maps.example/juniper-yard",
    )
    html = soup(client.get(location.url)).main  # the site's footer lists locations too

    assert html.h1.get_text() == "Islington"
    assert text_of(html.find("address")) == (
        "First floor, 14 Juniper Yard Marlow Street London N1 9ZZ"
    )
    assert html.find("a", href="tel:02079460321").get_text() == "Call 020 7946 0321"
    assert html.find("a", href="mailto:islington@clinic.example")
    # A plain link to the map: no map service is loaded by opening the page.
    assert html.find("a", href="https://maps.example/juniper-yard")
    assert not html.find("iframe")
    hours = html.select("dl.hours dd")
    assert [text_of(row) for row in html.select("dl.hours dt")] == [
        "Monday to Wednesday",
        "Saturday",
    ]
    assert (hours[0]["data-days"], hours[0]["data-opens"], hours[0]["data-closes"]) == (
        "Mo Tu We",
        "09:00",
        "18:00",
    )
    # "Open now" is the browser's to say: the page is kept and cached for everyone.
    assert html.select_one("[data-open-status]").has_attr("hidden")
    assert "The stairs have a handrail." in text_of(html.find(id="directions-heading").parent)
    offered = html.find(id="offered-heading").parent
    # Only the live treatments, in site order.
    assert [a.get_text() for a in offered.select(".card h3 a")] == [
        "Facial massage",
        "Microneedling",
    ]


def test_past_closures_are_left_out_and_the_others_come_soonest_first(client, clinic):
    location = make_location(
        clinic["index"],
        "Islington",
        opening_hours=HOURS,
        closures=[
            closure(days_from_today(30), days_from_today(31), "Training days"),
            closure(days_from_today(-10), days_from_today(-8), "Long gone"),
            closure(days_from_today(-1), note="Yesterday"),
            closure(days_from_today(-2), days_from_today(0), "Ends today"),
        ],
    )
    html = soup(client.get(location.url)).main

    items = html.select("li[data-closure]")
    assert [item.get_text().split(": ")[-1] for item in items] == ["Ends today", "Training days"]
    # Each says when it ends, so the browser can hide it once over on a page kept from before.
    assert items[1]["data-last-day"] == days_from_today(31).isoformat()
    assert items[0]["data-first-day"] == days_from_today(-2).isoformat()
    # The open-now line knows them too, to say "Closed today: …".
    card = html.select_one("[data-open-status]").find_parent(attrs={"data-time-zone": True})
    assert card["data-time-zone"] == "Europe/London"
    assert '"note": "Ends today"' in card["data-closures"]
    assert "Long gone" not in card["data-closures"]


def test_without_upcoming_closures_there_is_no_closures_section(client, clinic):
    location = make_location(
        clinic["index"], "Islington", closures=[closure(days_from_today(-3), note="Over")]
    )
    html = soup(client.get(location.url))
    assert not html.find(id="closures-heading")
    assert "Over" not in html.get_text()


def test_a_closure_cannot_end_before_it_starts():
    block = ClosureBlock()
    value = block.to_python({"first_day": "2026-12-26", "last_day": "2026-12-25", "note": ""})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "must not be before the first" in str(error.value.block_errors["last_day"])


def test_the_locations_list_shows_each_live_location_with_its_address_and_hours(client, clinic):
    make_location(clinic["index"], "Islington", opening_hours=HOURS, summary="The main one.")
    make_location(clinic["index"], "Hackney")
    make_location(clinic["index"], "Draft", live=False)
    html = soup(client.get(clinic["index"].url)).main

    cards = html.select(".card--location")
    assert [card.h2.get_text() for card in cards] == ["Islington", "Hackney"]
    assert cards[0].h2.a["href"] == "/locations/islington/"
    assert "1 Islington Street London N1 1AA" in text_of(cards[0].address)
    assert "The main one." in text_of(cards[0])
    assert cards[0].select_one("dd[data-opens]")["data-opens"] == "09:00"


def test_where_to_have_it_shows_only_when_the_clinic_has_more_than_one_location(client, clinic):
    needling = clinic["needling"]
    make_location(clinic["index"], "Islington", treatments=[needling])
    html = soup(client.get(needling.url)).main
    assert "Where to have it" not in html.get_text()

    make_location(clinic["index"], "Hackney", treatments=[clinic["massage"]])
    make_location(clinic["index"], "Camden", treatments=[needling, clinic["massage"]])
    make_location(clinic["index"], "Draft", treatments=[needling], live=False)
    html = soup(client.get(needling.url)).main
    section = html.find("h2", string="Where to have it").parent
    assert [a.get_text() for a in section.select(".card h3 a")] == ["Islington", "Camden"]
    assert section.select_one(".card h3 a")["href"] == "/locations/islington/"
    assert "1 Camden Street London N1 1AA" in text_of(section)
    # It has its place in "On this page".
    assert section["id"] == "where-to-have-it"


def test_a_treatment_offered_nowhere_has_no_where_to_have_it(client, clinic):
    make_location(clinic["index"], "Islington", treatments=[clinic["massage"]])
    make_location(clinic["index"], "Hackney", treatments=[clinic["massage"]])
    assert "Where to have it" not in soup(client.get(clinic["needling"].url)).get_text()


# --- Structured data ---------------------------------------------------------------------


def test_a_location_is_a_medical_clinic_of_the_clinic_for_search_engines(client, clinic):
    location = make_location(
        clinic["index"],
        "Islington",
        treatments=[clinic["massage"]],
        address="First floor, 14 Juniper Yard\nMarlow Street\nLondon\nN1 9ZZ",
        phone="020 7946 0321",
        email="islington@clinic.example",
        opening_hours=HOURS,
        closures=[
            closure(days_from_today(20), days_from_today(21), "Christmas"),
            closure(days_from_today(-5), note="Past"),
        ],
        map_url="https://maps.example/juniper-yard",
    )
    items = graph(client, location.url)
    place = next(item for item in items if item.get("@id", "").endswith("/islington/#clinic"))
    parent = next(
        item for item in items if item.get("@id", "").endswith("/#clinic") and item is not place
    )

    assert place["@type"] == "MedicalClinic"
    assert place["name"] == "Islington"
    assert place["url"] == "http://localhost/locations/islington/"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "First floor, 14 Juniper Yard, Marlow Street",
        "addressLocality": "London",
        "postalCode": "N1 9ZZ",
    }
    assert (place["telephone"], place["email"]) == ("020 7946 0321", "islington@clinic.example")
    assert place["hasMap"] == "https://maps.example/juniper-yard"
    assert place["openingHoursSpecification"][1] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": ["https://schema.org/Saturday"],
        "opens": "10:00",
        "closes": "14:00",
    }
    # Closed all day: opens and closes at midnight, for the closures still to come.
    assert place["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": days_from_today(20).isoformat(),
            "validThrough": days_from_today(21).isoformat(),
            "opens": "00:00",
            "closes": "00:00",
            "description": "Christmas",
        }
    ]
    assert place["parentOrganization"] == {"@id": parent["@id"]}
    assert [service["name"] for service in place["availableService"]] == ["Facial massage"]
    page = one(items, "WebPage")
    assert page["mainEntity"] == {"@id": place["@id"]}


def test_the_locations_list_names_each_medical_clinic(client, clinic):
    make_location(clinic["index"], "Islington")
    make_location(clinic["index"], "Hackney")
    listing = one(graph(client, clinic["index"].url), "CollectionPage")
    places = [entry["item"] for entry in listing["mainEntity"]["itemListElement"]]
    assert [(p["@type"], p["name"]) for p in places] == [
        ("MedicalClinic", "Islington"),
        ("MedicalClinic", "Hackney"),
    ]
    assert places[1]["@id"] == "http://localhost/locations/hackney/#clinic"


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (
            ["14 Juniper Yard", "Marlow Street", "London", "N1 9ZZ"],
            {
                "streetAddress": "14 Juniper Yard, Marlow Street",
                "addressLocality": "London",
                "postalCode": "N1 9ZZ",
            },
        ),
        (
            ["3 Church Walk", "London N16 0ZZ"],
            {
                "streetAddress": "3 Church Walk",
                "addressLocality": "London",
                "postalCode": "N16 0ZZ",
            },
        ),
        (
            ["12 rue des Lilas", "75011 Paris"],
            {
                "streetAddress": "12 rue des Lilas",
                "addressLocality": "Paris",
                "postalCode": "75011",
            },
        ),
        (
            ["12 High Street", "Oxford"],
            {"streetAddress": "12 High Street", "addressLocality": "Oxford"},
        ),
        (["The Old Mill"], {"streetAddress": "The Old Mill"}),
    ],
)
def test_an_address_is_split_into_street_town_and_postcode(lines, address):
    assert postal_address(lines) == {"@type": "PostalAddress", **address}


# --- The API -----------------------------------------------------------------------------


def test_the_api_lists_locations_typed(client, clinic):
    make_location(
        clinic["index"],
        "Islington",
        treatments=[clinic["needling"], clinic["massage"]],
        phone="020 7946 0321",
        opening_hours=HOURS,
        closures=[
            closure(days_from_today(10), note="Training day"),
            closure(days_from_today(-10), note="Past"),
        ],
        directions="Up the stairs.",
        map_url="https://maps.example/islington",
    )
    make_location(clinic["index"], "Hackney")
    make_location(clinic["index"], "Draft", live=False)
    data = get_json(client, "/api/clinic/v1/locations/")

    assert data["count"] == 2
    first = data["items"][0]
    assert (first["title"], first["slug"], first["url"]) == (
        "Islington",
        "islington",
        "/locations/islington/",
    )
    assert first["address_lines"] == ["1 Islington Street", "London", "N1 1AA"]
    assert first["phone"] == "020 7946 0321"
    assert first["opening_hours"][0] == {
        "days": ["Mo", "Tu", "We"],
        "opens": "09:00:00",
        "closes": "18:00:00",
    }
    day = days_from_today(10).isoformat()
    assert first["closures"] == [{"first_day": day, "last_day": day, "note": "Training day"}]
    assert first["directions"] == "Up the stairs."
    assert first["map_url"] == "https://maps.example/islington"
    assert [t["title"] for t in first["treatments"]] == ["Facial massage", "Microneedling"]
    assert data["items"][1]["map_url"] is None


def test_a_location_in_the_api_and_its_errors(client, clinic):
    location = make_location(clinic["index"], "Islington", treatments=[clinic["massage"]])
    draft = make_location(clinic["index"], "Draft", live=False)
    data = get_json(client, f"/api/clinic/v1/locations/{location.pk}/")
    assert data["type"] == "treatments.LocationPage"
    assert data["breadcrumbs"][-1]["title"] == "Locations"
    assert data["treatments"][0]["url"] == clinic["massage"].url

    for missing in (draft.pk, clinic["massage"].pk, 999999):
        error = get_json(client, f"/api/clinic/v1/locations/{missing}/", status=404)
        assert error["message"]
    # And the treatment names where to have it.
    treatment = get_json(client, f"/api/clinic/v1/treatments/{clinic['massage'].pk}/")
    assert [place["title"] for place in treatment["locations"]] == ["Islington"]


def test_the_openapi_document_types_every_location_field():
    schemas = openapi_document()["components"]["schemas"]
    location = schemas["LocationPageDetail"]["properties"]
    for name in ("address_lines", "opening_hours", "closures", "treatments", "map_url"):
        assert name in location, name
    closure_type = schemas["Closure"]["properties"]
    assert closure_type["first_day"]["anyOf"][0]["format"] == "date"
    assert location["treatments"]["items"] == {"$ref": "#/components/schemas/PageLink"}
    assert "treatments.LocationPage" in str(schemas)
    # Nothing untyped: every property says what it holds.
    for name, schema in location.items():
        assert schema != {} and "Any" not in str(schema), name
    treatment = schemas["TreatmentPageDetail"]["properties"]["locations"]
    assert treatment["items"] == {"$ref": "#/components/schemas/PageLink"}


def test_api_v2_serves_the_same_location_fields(client, clinic):
    location = make_location(clinic["index"], "Islington", opening_hours=HOURS)
    data = get_json(client, f"/api/v2/pages/{location.pk}/")
    assert data["address_lines"] == ["1 Islington Street", "London", "N1 1AA"]
    assert data["opening_hours"][1]["days"] == ["Sa"]


# --- Import --------------------------------------------------------------------------------

LOCATION_FILE = """---
type: location
title: Islington
summary: Two minutes from Angel.
address: |-
  14 Juniper Yard
  London N1 9ZZ
phone: 020 7946 0321
email: islington@clinic.example
opening_hours:
  - days: [Mo, Tuesday]
    opens: "09:00"
    closes: "18:00"
closures:
  - first_day: 2026-12-25
    last_day: 2026-12-26
    note: Christmas
  - first_day: 2027-01-01
map_url: https://maps.example/islington
treatments: [facial-massage, Microneedling]
---

Turn left out of the station.
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


def run_import(folder):
    """Import `folder` with --publish; raises CommandError when the import is refused."""
    err = io.StringIO()
    call_command("import_content", str(folder), publish=True, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_locations_are_imported_from_front_matter(tmp_path, clinic):
    clinic["index"].delete()
    write(
        tmp_path,
        "_index.md",
        "---\ntype: location-index\ntitle: Our clinics\nslug: clinics\n---\n\nCome and see us.\n",
    )
    write(tmp_path, "islington.md", LOCATION_FILE)
    run_import(tmp_path)

    location = LocationPage.objects.get(slug="islington")
    assert location.live
    assert location.get_parent().title == "Our clinics"
    assert location.address_lines == ["14 Juniper Yard", "London N1 9ZZ"]
    assert (location.phone, location.email) == ("020 7946 0321", "islington@clinic.example")
    assert location.summary == "Two minutes from Angel."
    assert location.directions == "Turn left out of the station."
    assert location.map_url == "https://maps.example/islington"
    hours = location.opening_hours[0].value
    assert (list(hours["days"]), hours["opens"], hours["closes"]) == (
        ["Mo", "Tu"],
        datetime.time(9),
        datetime.time(18),
    )
    assert [
        (c.value["first_day"], c.value["last_day"], c.value["note"]) for c in location.closures
    ] == [
        (datetime.date(2026, 12, 25), datetime.date(2026, 12, 26), "Christmas"),
        (datetime.date(2027, 1, 1), None, ""),
    ]
    assert sorted(t.title for t in location.treatments.all()) == ["Facial massage", "Microneedling"]

    # The same file again changes nothing.
    revisions = location.revisions.count()
    run_import(tmp_path)
    assert location.revisions.count() == revisions


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("address: |-\n  14 Juniper Yard\n  London N1 9ZZ\n", ""), "no address", 1),
        (
            ("  - first_day: 2027-01-01\n", "  - first_day: 1 January\n"),
            "`first_day` must be a date written YYYY-MM-DD",
            18,
        ),
        (
            ("    last_day: 2026-12-26\n", "    last_day: 2026-12-20\n"),
            "`last_day` (2026-12-20) is before `first_day`",
            15,
        ),
        (
            ("treatments: [facial-massage, Microneedling]", "treatments: [Botox]"),
            "there is no treatment called ‘Botox’",
            20,
        ),
        (('    closes: "18:00"\n', '    closes: "08:00"\n'), "not after it opens", 11),
        (("email: islington@clinic.example", "email: not-an-address"), "email", 9),
        (("map_url: https://maps.example/islington", "map_url: maps.example"), "map_url", 19),
    ],
)
def test_a_location_file_with_a_mistake_is_refused_with_its_line(
    tmp_path, clinic, change, message, line
):
    before, after = change
    assert before in LOCATION_FILE
    path = write(tmp_path, "islington.md", LOCATION_FILE.replace(before, after))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_content", str(tmp_path), publish=True, stdout=io.StringIO(), stderr=err
        )
    report = err.getvalue()
    assert message in report
    assert f"{path.name}:{line}" in report, report
    # All or nothing: no location was made.
    assert not LocationPage.objects.exists()


# --- Query counts stay flat --------------------------------------------------------------


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # a warm site: per-process caches filled
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_to(clinic, count):
    """`count` live locations in all, each offering both treatments, with hours and closures."""
    have = LocationPage.objects.count()
    for number in range(have, count):
        make_location(
            clinic["index"],
            f"Site {number}",
            treatments=[clinic["massage"], clinic["needling"]],
            opening_hours=HOURS,
            closures=[closure(days_from_today(5 + number), note="Training")],
        )


@pytest.mark.parametrize(
    "url",
    [
        lambda clinic: clinic["index"].url,
        lambda clinic: clinic["massage"].url,
        lambda clinic: LocationPage.objects.first().url,
        lambda clinic: "/api/clinic/v1/locations/?limit=50",
        lambda clinic: f"/api/clinic/v1/treatments/{clinic['massage'].pk}/",
    ],
    ids=["locations list", "treatment page", "location page", "api list", "api treatment"],
)
def test_pages_cost_the_same_with_3_locations_as_with_20(client, clinic, url):
    grow_to(clinic, 3)
    few = queries_for(client, url(clinic))
    grow_to(clinic, 20)
    assert queries_for(client, url(clinic)) == few

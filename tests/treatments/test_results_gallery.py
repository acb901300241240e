"""The public before-and-after gallery (issue 23, "Public site and API"): a treatment page's
"Before and after" section, the results page with its filters, and the JSON-LD of their
photos. Only cases with the patient's valid consent for the website are ever shown
(ResultCase.objects.shown()); a withdrawn, expired or draft case leaves no trace.

Runs in the bare plugin site too: nothing here imports the clinic's own apps.
"""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file_jpeg
from wagtail.search import index

from treatments.models import Practitioner, PractitionerIndexPage
from treatments.results.models import ConsentRecord, ResultCase, ResultsIndexPage, ResultsSettings

from .factories import (
    AFTERCARE,
    all_of,
    build_indexes,
    default_site,
    graph,
    make_condition,
    make_treatment,
    publish,
    soup,
)

pytestmark = pytest.mark.django_db

REFERENCE = "R-2026-077"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def empty_caches():
    """Renditions are cached by image id: a previous test's ids must not answer for these."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def clinic(site_root):
    treatments, conditions = build_indexes(site_root)
    scars = make_condition(conditions, "Acne scars")
    lines = make_condition(conditions, "Fine lines")
    redness = make_condition(conditions, "Redness")
    team = publish(site_root, PractitionerIndexPage(title="Our team", slug="team"))
    return {
        "scars": scars,
        "lines": lines,
        "redness": redness,
        "needling": make_treatment(treatments, "Microneedling", [scars, lines]),
        "peel": make_treatment(treatments, "Chemical peel", [lines, redness]),
        "massage": make_treatment(treatments, "Facial massage"),
        "priya": Practitioner.objects.create(name="Priya Nair", slug="priya-nair", role="Nurse"),
        "team": team,
        "results": publish(site_root, ResultsIndexPage(title="Results", slug="results")),
    }


def consent(**fields):
    return ConsentRecord.objects.create(
        **{"patient_reference": REFERENCE, "signed_on": days(-30), **fields}
    )


def photo(name, size=(60, 80)):
    return Image.objects.create(
        title=f"{REFERENCE} {name}",
        file=get_test_image_file_jpeg(filename=f"{name}.jpg", size=size),
    )


def make_case(treatment, caption, conditions=(), consent_record=None, live=True, **fields):
    """A case as an editor publishes it; `consent_record` defaults to a valid one."""
    case = ResultCase.objects.create(
        treatment=treatment,
        consent=consent_record or consent(),
        sessions=fields.pop("sessions", 3),
        time_between=fields.pop("time_between", "12 weeks"),
        before_image=photo(f"{caption} before", **fields.pop("photo", {})),
        after_image=photo(f"{caption} after"),
        before_alt=f"Cheek before: {caption}",
        after_alt=f"Cheek after: {caption}",
        caption=caption,
        photos_unretouched=True,
        live=live,
        **fields,
    )
    if conditions:
        case.conditions.set(conditions)
        case.save()
    return case


def gallery(response):
    """Each case of the page's gallery: (caption, [photo labels], [alt texts])."""
    return [
        (
            case.select_one(".result-case__caption").get_text(strip=True),
            [label.get_text(strip=True) for label in case.select(".result-case__photo figcaption")],
            [img["alt"] for img in case.select(".result-case__pair img")],
        )
        for case in soup(response).select(".result-case")
    ]


def captions(response):
    return [caption for caption, _, _ in gallery(response)]


def photo_addresses(case):
    """Every address of a case's photos: the originals and each rendition made so far."""
    addresses = []
    for image in (case.before_image, case.after_image):
        addresses.append(image.file.url)
        addresses += [rendition.url for rendition in image.renditions.all()]
    return addresses


# --- The treatment page's "Before and after" section ----------------------------------------


def test_a_treatment_page_shows_its_shown_cases_newest_first_as_labelled_pairs(client, clinic):
    needling = clinic["needling"]
    make_case(needling, "Older result.", practitioner=clinic["priya"])
    make_case(needling, "Newer result.", sessions=4, time_between="6 months")
    make_case(clinic["peel"], "Another treatment's result.")

    response = client.get(needling.url)

    html = soup(response)
    section = html.select_one("section#before-and-after")
    assert section.h2.get_text() == "Before and after"
    assert "Before and after" in [a.get_text() for a in html.select(".toc a")]
    assert gallery(response) == [
        ("Newer result.", ["Before", "After"], ["Cheek before: Newer result.",
                                                "Cheek after: Newer result."]),
        ("Older result.", ["Before", "After"], ["Cheek before: Older result.",
                                                "Cheek after: Older result."]),
    ]  # fmt: skip
    newer, older = section.select(".result-case__facts")
    assert newer.get_text(" ", strip=True) == "Sessions 4 Time between photos 6 months"
    assert older.get_text(" ", strip=True) == (
        "Sessions 3 Time between photos 12 weeks Treated by Priya Nair"
    )
    assert older.select_one("a[href]")["href"] == "/team/priya-nair/"
    # The page links to every result of this treatment.
    more = section.select_one("a.more-link")
    assert more.get_text() == "All Microneedling results"
    assert more["href"] == "/results/?treatment=microneedling"


def test_the_results_vary_statement_shows_once_per_gallery_as_the_site_manager_wrote_it(
    client, clinic
):
    settings = ResultsSettings.for_site(default_site())
    settings.results_vary = "Everyone's skin responds differently; these are one patient's."
    settings.save()
    make_case(clinic["needling"], "First.")
    make_case(clinic["needling"], "Second.")

    for url in (clinic["needling"].url, clinic["results"].url):
        statements = soup(client.get(url)).select(".results-vary")
        assert [s.get_text() for s in statements] == [settings.results_vary], url


@pytest.mark.parametrize(
    ("consent_fields", "case_fields"),
    [
        ({"withdrawn_on": days(-1)}, {}),
        ({"withdrawn_on": days(0)}, {}),
        ({"expires_on": days(0)}, {}),
        ({"expires_on": days(-5)}, {}),
        ({"signed_on": days(2)}, {}),  # not signed yet
        ({"scope_website": False, "scope_social": True}, {}),
        ({}, {"live": False}),  # a draft never published
    ],
)
def test_a_case_without_valid_consent_or_not_live_is_on_no_page(
    client, clinic, consent_fields, case_fields
):
    hidden = make_case(
        clinic["needling"],
        "Hidden result.",
        consent_record=consent(**consent_fields),
        **case_fields,
    )

    for url in (clinic["needling"].url, clinic["results"].url):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Hidden result." not in body, url
        assert not soup(response).select(".result-case"), url
        for address in photo_addresses(hidden):
            assert address not in body, (url, address)
    # With nothing to show, the treatment page has no section and the results page says so.
    assert "Before and after" not in client.get(clinic["needling"].url).content.decode()
    assert "No results are published yet." in client.get(clinic["results"].url).content.decode()


def test_a_case_stops_showing_on_the_request_after_its_consent_is_withdrawn(client, clinic):
    record = consent()
    case = make_case(clinic["needling"], "Soon withdrawn.", consent_record=record)
    assert captions(client.get(clinic["needling"].url)) == ["Soon withdrawn."]
    shown_addresses = photo_addresses(case)
    assert shown_addresses  # renditions were made for the page

    record.withdrawn_on = days(0)
    record.save()

    for url in (clinic["needling"].url, clinic["results"].url):
        body = client.get(url).content.decode()
        assert "Soon withdrawn." not in body
        assert not any(address in body for address in shown_addresses), url


def test_a_published_case_shows_its_live_version_not_a_newer_draft(client, clinic):
    case = make_case(clinic["needling"], "Published caption.")
    case.caption = "Draft caption, not reviewed yet."
    case.save_revision()  # a draft: the live row keeps its caption

    assert captions(client.get(clinic["needling"].url)) == ["Published caption."]


def test_photos_are_never_cropped(client, clinic):
    """A clinical photo keeps everything it shows: each rendition has the photo's own shape."""
    make_case(clinic["needling"], "Portrait.", photo={"size": (700, 1000)})

    response = client.get(clinic["needling"].url)

    before = soup(response).select_one(".result-case__photo img")
    assert (before["width"], before["height"]) == ("480", "685")  # 700 × 1000, scaled down
    for source in [before["srcset"]] + [
        s["srcset"] for s in soup(response).select(".result-case__photo source")
    ]:
        assert re.findall(r"width-\d+", source)  # widths only: never "fill-"
        assert "fill-" not in source


def test_the_section_costs_the_same_queries_for_3_cases_as_for_20(client, clinic):
    for count in (3, 20):
        ResultCase.objects.all().delete()
        for n in range(count):
            make_case(clinic["needling"], f"Result {n}.", practitioner=clinic["priya"])
        client.get(clinic["needling"].url)  # renditions made
        with CaptureQueriesContext(connection) as queries:
            response = client.get(clinic["needling"].url)
        assert len(captions(response)) == count
        if count == 3:
            few = len(queries)
    assert len(queries) == few


# --- The results page ------------------------------------------------------------------------


@pytest.fixture
def results(clinic):
    """Cases of two treatments and three conditions, one withdrawn."""
    made = {
        "needling scars": make_case(clinic["needling"], "Needling for scars.", [clinic["scars"]]),
        "needling lines": make_case(clinic["needling"], "Needling for lines.", [clinic["lines"]]),
        "peel lines": make_case(clinic["peel"], "Peel for lines.", [clinic["lines"]]),
        # Withdrawn: neither it nor what only it shows (redness, massage) is offered.
        "withdrawn": make_case(
            clinic["massage"],
            "Withdrawn massage.",
            [clinic["redness"]],
            consent_record=consent(withdrawn_on=days(-1)),
        ),
    }
    return made


def options(response, name):
    return [
        (option["value"], option.get_text())
        for option in soup(response).select(f"select[name={name}] option")
    ]


def test_the_results_page_shows_every_shown_case_with_filters_that_work_without_script(
    client, clinic, results
):
    response = client.get("/results/")

    assert captions(response) == ["Peel for lines.", "Needling for lines.", "Needling for scars."]
    headings = [h.get_text(strip=True) for h in soup(response).select(".result-case__title a")]
    assert headings == ["Chemical peel", "Microneedling", "Microneedling"]
    # A plain form: two labelled selects and a button, sent as GET to the page itself.
    form = soup(response).select_one("form.results-filters")
    assert (form["method"], form["action"]) == ("get", "/results/")
    assert form.select_one("label[for=results-treatment]").get_text() == "Treatment"
    assert form.select_one("label[for=results-condition]").get_text() == "Condition"
    assert form.select_one("button[type=submit]").get_text() == "Show results"
    # Only what has a case to show is offered.
    assert options(response, "treatment") == [
        ("", "All treatments"),
        ("chemical-peel", "Chemical peel"),
        ("microneedling", "Microneedling"),
    ]
    assert options(response, "condition") == [
        ("", "All conditions"),
        ("acne-scars", "Acne scars"),
        ("fine-lines", "Fine lines"),
    ]


@pytest.mark.parametrize(
    ("query", "shown", "summary"),
    [
        ("?treatment=microneedling", ["Needling for lines.", "Needling for scars."],
         "2 results of Microneedling."),
        ("?condition=fine-lines", ["Peel for lines.", "Needling for lines."],
         "2 results for Fine lines."),
        ("?treatment=microneedling&condition=acne-scars", ["Needling for scars."],
         "1 result of Microneedling for Acne scars."),
        ("?treatment=chemical-peel&condition=acne-scars", [],
         "0 results of Chemical peel for Acne scars."),
        # The form's "All" choices send empty values.
        ("?treatment=&condition=",
         ["Peel for lines.", "Needling for lines.", "Needling for scars."], None),
    ],
)  # fmt: skip
def test_filters_narrow_the_results_and_say_so(client, results, query, shown, summary):
    response = client.get(f"/results/{query}")

    assert response.status_code == 200
    assert captions(response) == shown
    said = soup(response).select_one(".results-summary")
    if summary is None:
        assert said is None
    else:
        assert said.get_text(" ", strip=True) == f"{summary} Show all results"
        assert said.a["href"] == "/results/"
        selected = [o.get_text() for o in soup(response).select("option[selected]")]
        assert selected == [part for part in ("Microneedling", "Chemical peel", "Acne scars",
                                              "Fine lines") if part in summary]  # fmt: skip
    if not shown:
        assert "No results match these filters yet." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?treatment=no-such-treatment",
        "?condition=no-such-condition",
        "?treatment=facial-massage",  # a treatment whose only case is withdrawn
        "?condition=redness",  # likewise a condition
        "?treatment=microneedling&treatment=chemical-peel",  # one at a time
        "?treatment=acne-scars",  # a condition's slug as a treatment
        "?treatment=" + "x" * 5000,
    ],
)
def test_a_filter_the_page_does_not_offer_is_a_404(client, results, query):
    response = client.get(f"/results/{query}")

    assert response.status_code == 404
    assert b"Withdrawn massage." not in response.content


def test_the_results_page_costs_the_same_queries_for_3_cases_as_for_20(client, clinic):
    counts = {}
    for count in (3, 20):
        ResultCase.objects.all().delete()
        for n in range(count):
            make_case(
                clinic["needling" if n % 2 else "peel"],
                f"Result {n}.",
                [clinic["lines"], clinic["scars"]],
                practitioner=clinic["priya"],
            )
        for url in ("/results/", "/results/?treatment=microneedling&condition=fine-lines"):
            client.get(url)  # renditions made
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert captions(response)
            counts[count, url] = len(queries)
    assert counts[3, "/results/"] == counts[20, "/results/"]
    filtered = "/results/?treatment=microneedling&condition=fine-lines"
    assert counts[3, filtered] == counts[20, filtered]


# --- JSON-LD: the photos, never the patient ------------------------------------------------


def test_json_ld_describes_each_shown_photo_as_shown_and_nothing_of_the_patient(client, clinic):
    record = consent(expires_on=days(400), scope_print=True)
    make_case(clinic["needling"], "Smoother texture.", consent_record=record)
    make_case(clinic["needling"], "Withdrawn.", consent_record=consent(withdrawn_on=days(-1)))

    for url in (clinic["needling"].url, "/results/", "/results/?treatment=microneedling"):
        response = client.get(url)
        items = graph(client, url)
        photos = all_of(items, "ImageObject")
        assert [(p["name"], p["description"], p["caption"]) for p in photos] == [
            ("Microneedling: before", "Cheek before: Smoother texture.", "Smoother texture."),
            ("Microneedling: after", "Cheek after: Smoother texture.", "Smoother texture."),
        ], url
        # The address is the rendition the page's <img> shows, in full.
        shown = [img["src"] for img in soup(response).select(".result-case__pair img")]
        assert [p["contentUrl"] for p in photos] == [f"http://testserver{src}" for src in shown]
        assert [(p["width"], p["height"]) for p in photos] == [(60, 80), (60, 80)]
        assert photos[0]["about"] == {"@id": "http://localhost/treatments/microneedling/#treatment"}
        text = str(items)
        for secret in (REFERENCE, record.signed_on.isoformat(), days(400).isoformat(), "consent"):
            assert secret not in text, (url, secret)
        assert "Withdrawn." not in text
    # A page that shows no case describes none.
    assert not all_of(graph(client, clinic["peel"].url), "ImageObject")


def test_a_treatments_aftercare_sheet_shows_and_describes_no_case(client, clinic):
    treatments = clinic["needling"].get_parent()
    peeling = make_treatment(treatments, "Glycolic peel", body=[AFTERCARE])
    make_case(peeling, "Brighter tone.")

    assert all_of(graph(client, peeling.url), "ImageObject")
    sheet = peeling.url + "aftercare/"
    assert "Brighter tone." not in client.get(sheet).content.decode()
    assert not all_of(graph(client, sheet), "ImageObject")


# --- Not searchable, no address of its own --------------------------------------------------


def test_cases_have_no_address_or_search_index_of_their_own():
    """A case is seen only on the pages that show it: it is in no search index (so in no
    site search) and has no URL (so in no sitemap)."""
    assert not issubclass(ResultCase, index.Indexed)
    assert not hasattr(ResultCase, "get_url") and not hasattr(ResultCase, "get_absolute_url")


def test_a_case_preview_shows_the_pair_as_visitors_will_see_it(clinic):
    case = make_case(clinic["needling"], "Previewed.")

    response = case.make_preview_request()

    html = soup(response)
    assert [f.get_text() for f in html.select(".result-case__photo figcaption")] == [
        "Before",
        "After",
    ]
    assert html.select_one(".results-vary").get_text().startswith("Results vary")
    assert html.h1.get_text(strip=True) == "Microneedling"

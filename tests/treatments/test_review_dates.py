"""Review dates: who last checked a page's medical content and when, as visitors, API
clients and search engines see it; the "Reviews due" report; the importer's review keys.

Both APIs' review fields, checked against the site's OpenAPI document, are tested in
tests/site/test_api.py.
"""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from treatments.models import ConditionPage, Practitioner, TreatmentPage

from .factories import build_indexes, make_condition, make_treatment, soup
from .test_api import get_json
from .test_importing import counts, failed_import, run_import, write

pytestmark = pytest.mark.django_db

REVIEWED_ON = datetime.date(2026, 3, 3)


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


@pytest.fixture
def priya(db):
    return Practitioner.objects.create(
        name="Priya Nair", role="Aesthetic nurse", credentials="RN (NMC), MBAcC"
    )


def reviewed(person, on=REVIEWED_ON, due=None):
    return {
        "reviewed_by": person,
        "last_reviewed": on,
        "next_review_due": due or on.replace(year=on.year + 1),
    }


def reviewed_line(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return soup(response).select_one("header .reviewed-by")


# --- The public line ------------------------------------------------------------------


def test_reviewed_pages_say_who_reviewed_them_and_when_under_the_lede(client, indexes, priya):
    treatments, conditions = indexes
    acne = make_condition(conditions, "Acne", **reviewed(priya))
    needling = make_treatment(treatments, "Microneedling", [acne], **reviewed(priya))
    for page in (needling, acne):
        line = reviewed_line(client, page)
        assert line.get_text(" ", strip=True) == (
            "Medically reviewed by Priya Nair, RN (NMC), MBAcC on 3 March 2026"
        )
        assert line.find("time")["datetime"] == "2026-03-03"
        assert "lede" in line.find_previous_sibling("p")["class"]


def test_a_date_alone_names_no_one_and_unreviewed_pages_claim_nothing(client, indexes, priya):
    treatments, conditions = indexes
    dated = make_condition(conditions, "Rosacea", last_reviewed=REVIEWED_ON)
    line = reviewed_line(client, dated)
    assert line.get_text(" ", strip=True) == "Medically reviewed on 3 March 2026"

    never = make_treatment(treatments, "Facial massage")
    undated = make_condition(conditions, "Acne", reviewed_by=priya)  # no date: not a review
    for page in (never, undated):
        assert reviewed_line(client, page) is None
        assert "Medically reviewed" not in client.get(page.url).content.decode()


# --- The APIs -----------------------------------------------------------------------------


def test_the_openapi_document_types_the_review_fields(client, db):
    schemas = get_json(client, "/api/clinic/v1/openapi.json")["components"]["schemas"]
    assert schemas["Reviewer"]["required"] == ["id", "name", "role", "credentials"]
    for page_type in ("TreatmentPageDetail", "ConditionPageSummary"):
        properties = schemas[page_type]["properties"]
        assert properties["last_reviewed"]["anyOf"] == [
            {"type": "string", "format": "date"},
            {"type": "null"},
        ]
        assert properties["reviewed_by"]["anyOf"][0]["$ref"].endswith("/Reviewer")
        assert "next_review_due" not in properties


def test_a_listing_fetches_every_reviewer_in_one_query(client, indexes, priya):
    treatments, _ = indexes
    others = [Practitioner.objects.create(name=f"Reviewer {n}") for n in range(3)]
    make_treatment(treatments, "First", **reviewed(priya))
    url = "/api/clinic/v1/treatments/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n, person in enumerate(others):
        make_treatment(treatments, f"More {n}", **reviewed(person))
    with CaptureQueriesContext(connection) as four:
        data = get_json(client, url)
    assert len(four) == len(one)
    assert {item["reviewed_by"]["name"] for item in data["items"]} == {
        "Priya Nair",
        "Reviewer 0",
        "Reviewer 1",
        "Reviewer 2",
    }


# --- JSON-LD ------------------------------------------------------------------------------


def medical_web_page(client, page):
    script = soup(client.get(page.url)).find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    return next(item for item in graph if item["@type"] == "MedicalWebPage")


def test_medical_web_pages_carry_reviewed_by_and_last_reviewed(client, indexes, priya):
    treatments, conditions = indexes
    acne = make_condition(conditions, "Acne", **reviewed(priya))
    needling = make_treatment(treatments, "Microneedling", [acne], **reviewed(priya))
    for page in (needling, acne):
        item = medical_web_page(client, page)
        assert item["lastReviewed"] == "2026-03-03"
        assert item["reviewedBy"] == {
            "@type": "Person",
            "name": "Priya Nair",
            "jobTitle": "Aesthetic nurse",
            "hasCredential": [
                {"@type": "EducationalOccupationalCredential", "name": "RN (NMC)"},
                {"@type": "EducationalOccupationalCredential", "name": "MBAcC"},
            ],
        }

    dated = make_condition(conditions, "Rosacea", last_reviewed=REVIEWED_ON)
    item = medical_web_page(client, dated)
    assert item["lastReviewed"] == "2026-03-03" and "reviewedBy" not in item
    # What the page does not show, its structured data does not claim.
    undated = make_condition(conditions, "Dark spots", reviewed_by=priya)
    never = make_treatment(treatments, "Facial massage")
    for page in (undated, never):
        item = medical_web_page(client, page)
        assert "reviewedBy" not in item and "lastReviewed" not in item


# --- Reports › Reviews due ------------------------------------------------------------

REPORT = "/admin/reviews-due/"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def long_date(day):
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def review_pages(indexes, priya):
    """Pages in every review state; the dates are relative to today."""
    treatments, conditions = indexes

    def due_in(n):
        return reviewed(priya, on=days(n - 365), due=days(n))

    return {
        "overdue long": make_condition(conditions, "Rosacea", **due_in(-40)),
        "overdue": make_treatment(treatments, "Microneedling", **due_in(-1)),
        "today": make_condition(conditions, "Acne", **due_in(0)),
        "soon": make_treatment(treatments, "Facial massage", **due_in(30)),
        "later": make_treatment(treatments, "Facial acupuncture", **due_in(31)),
        "never": make_condition(conditions, "Dull skin"),
        "no date": make_condition(
            conditions, "Dark spots", reviewed_by=priya, last_reviewed=days(-3)
        ),
        "draft": make_treatment(treatments, "Cupping", live=False),
        "draft overdue": make_treatment(treatments, "Gua sha", live=False, **due_in(-9)),
    }


def report_rows(client, url=REPORT):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    rows = soup(response).select("table.listing tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in rows], [
        row.find("a")["href"] for row in rows
    ]


def test_report_lists_pages_to_review_most_urgent_first(admin_client, review_pages, priya):
    rows, links = report_rows(admin_client)
    assert [(row[0], row[1], row[5]) for row in rows] == [
        ("Rosacea", "Condition", "Overdue by 40 days"),
        ("Microneedling", "Treatment", "Overdue by 1 day"),
        ("Acne", "Condition", "Due today"),
        ("Facial massage", "Treatment", "Due in 30 days"),
        ("Dark spots", "Condition", "No next review date"),
        ("Dull skin", "Condition", "Never reviewed"),
    ]
    assert rows[3][2:5] == ["Priya Nair", long_date(days(-335)), long_date(days(30))]
    assert rows[5][2:5] == ["", "", ""]
    pages = ["overdue long", "overdue", "today", "soon", "no date", "never"]
    assert links == [f"/admin/pages/{review_pages[name].pk}/edit/" for name in pages]


@pytest.mark.parametrize(
    ("status", "titles"),
    [
        ("overdue", ["Rosacea", "Microneedling"]),
        ("soon", ["Acne", "Facial massage"]),
        ("unscheduled", ["Dark spots"]),
        ("never", ["Dull skin"]),
    ],
)
def test_report_filters_by_status(admin_client, review_pages, status, titles):
    rows, _ = report_rows(admin_client, f"{REPORT}?status={status}")
    assert [row[0] for row in rows] == titles
    results, _ = report_rows(admin_client, f"{REPORT}results/?status={status}")
    assert [row[0] for row in results] == titles


def test_report_downloads_as_a_spreadsheet(admin_client, review_pages):
    response = admin_client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Title",
        "Type",
        "Reviewed by",
        "Last reviewed",
        "Next review due",
        "Status",
    ]
    assert rows[1] == [
        "Rosacea",
        "Condition",
        "Priya Nair",
        days(-405).isoformat(),
        days(-40).isoformat(),
        "Overdue by 40 days",
    ]
    assert len(rows) == 7
    xlsx = admin_client.get(REPORT + "?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_reports_csv_turns_formulas_into_plain_text(client, indexes):
    """A page title or a practitioner's name starting with = + - @ (or a tab, a carriage
    return) would run as a formula in a spreadsheet: the CSV starts such cells with '."""
    treatments, conditions = indexes
    named = Practitioner.objects.create(name="@SUM(1+1)*cmd|' /C calc'!A0")
    make_treatment(
        treatments,
        '=HYPERLINK("http://evil.example","Click")',
        **reviewed(named, on=days(-30), due=days(-1)),
    )
    make_condition(conditions, "-2+3 skin")
    make_condition(conditions, "+Acne")
    make_condition(conditions, "Rosacea")
    manager = Group.objects.get(name="Site managers").user_set.create(username="sam")
    client.force_login(manager)
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = [row[0] for row in rows[1:]]
    assert titles == [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'+Acne",
        "'-2+3 skin",
        "Rosacea",
    ]
    assert rows[1][2] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[2][1:] == ["Condition", "", "", "", "Never reviewed"]  # the rest as it was


def test_report_says_so_when_nothing_is_due(admin_client, indexes, priya):
    treatments, _ = indexes
    make_treatment(treatments, "Microneedling", **reviewed(priya, on=days(-1)))
    response = admin_client.get(REPORT)
    assert "No page is overdue or due for review in the next 30 days." in response.content.decode()


def editor_of(page, username):
    """A user whose group may edit pages under `page` (and nothing else)."""
    group = Group.objects.create(name=f"Editors of {page.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.create(group=group, page=page, permission=change)
    user = group.user_set.create(username=username)
    user.set_password("pw")
    user.save()
    return user


def test_anyone_who_edits_pages_sees_the_report_for_the_pages_they_edit(
    client, review_pages, indexes
):
    assert client.get(REPORT)["Location"].startswith("/admin/login/")
    treatments, _ = indexes
    client.force_login(editor_of(treatments, "treatment-editor"))
    assert REPORT in client.get("/admin/").content.decode()  # in the Reports menu
    rows, _ = report_rows(client)
    assert [row[0] for row in rows] == ["Microneedling", "Facial massage"]


def test_admin_users_who_cannot_edit_pages_neither_see_nor_open_it(client, review_pages):
    group = Group.objects.create(name="Image librarians")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = group.user_set.create(username="librarian")
    client.force_login(user)
    assert REPORT not in client.get("/admin/").content.decode()
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"Rosacea" not in response.content


# --- Importing review dates ----------------------------------------------------------------

PRACTITIONER = """
    ---
    type: practitioner
    title: Priya Nair
    role: Aesthetic nurse
    credentials: RN (NMC)
    ---

    Priya leads the needling clinic.
"""


def condition_file(review):
    return f"---\ntype: condition\ntitle: Acne\nsummary: Spots.\n{review}---\n\nText.\n"


def test_importer_sets_review_dates_with_a_reviewer_from_the_same_run(indexes, tmp_path):
    write(tmp_path, "priya.md", PRACTITIONER)
    write(
        tmp_path,
        "acne.md",
        condition_file("reviewed_by: priya nair\nlast_reviewed: 2026-03-03\n"),
    )
    write(
        tmp_path,
        "needling.md",
        "---\ntype: treatment\ntitle: Microneedling\nsummary: Needles.\n"
        "reviewed_by: Priya Nayar\nlast_reviewed: 2026-03-03\n---\n",
    )
    before = counts()
    err = failed_import(tmp_path)
    assert "needling.md:5: `reviewed_by`: there is no practitioner called ‘Priya Nayar’" in err
    # Priya, saved ahead for the condition imported before it, went with the rest.
    assert counts() == before and not Practitioner.objects.exists()

    write(
        tmp_path,
        "needling.md",
        "---\ntype: treatment\ntitle: Microneedling\nsummary: Needles.\n"
        "last_reviewed: 2024-02-29\nnext_review_due: '2024-12-01'\n---\n",
    )
    out, _ = run_import(tmp_path)
    assert re.search(r"created +\S*priya\.md", out)  # not "updated": new in this run
    priya = Practitioner.objects.get()
    assert (priya.role, priya.credentials) == ("Aesthetic nurse", "RN (NMC)")
    acne = ConditionPage.objects.get(slug="acne").get_latest_revision_as_object()
    assert (acne.reviewed_by, acne.last_reviewed, acne.next_review_due) == (
        priya,
        datetime.date(2026, 3, 3),
        datetime.date(2027, 3, 3),  # a year later unless the file says
    )
    needling = TreatmentPage.objects.get().get_latest_revision_as_object()
    assert (needling.reviewed_by, needling.last_reviewed, needling.next_review_due) == (
        None,
        datetime.date(2024, 2, 29),
        datetime.date(2024, 12, 1),
    )

    before = counts()
    out, _ = run_import(tmp_path)
    assert "3 unchanged" in out and counts() == before


def test_a_file_without_review_keys_keeps_the_review_recorded_in_the_admin(
    indexes, tmp_path, priya
):
    path = write(tmp_path, "acne.md", condition_file(""))
    run_import(path, publish=True, publish_unreviewed=True)
    page = ConditionPage.objects.get(slug="acne")
    page.reviewed_by, page.last_reviewed = priya, REVIEWED_ON
    page.save_revision().publish()
    out, _ = run_import(path, publish=True)
    assert "1 unchanged" in out
    page.refresh_from_db()
    assert (page.reviewed_by, page.last_reviewed) == (priya, REVIEWED_ON)

    write(
        tmp_path, "acne.md", condition_file("reviewed_by: Priya Nair\nlast_reviewed: 2026-04-01\n")
    )
    out, _ = run_import(path, publish=True)
    assert "1 updated" in out
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2026, 4, 1)


@pytest.mark.parametrize(
    ("review", "message"),
    [
        (
            "reviewed_by: Nobody Known\nlast_reviewed: 2026-03-03\n",
            "bad.md:5: `reviewed_by`: there is no practitioner called ‘Nobody Known’",
        ),
        (
            "reviewed_by: Priya Nair\n",
            "bad.md:5: `reviewed_by` needs `last_reviewed`: the date of the review",
        ),
        (
            "last_reviewed: March 2026\n",
            "bad.md:5: `last_reviewed` must be a date written YYYY-MM-DD, e.g. 2026-03-03, "
            "not ‘March 2026’",
        ),
        ("last_reviewed: 2026-03-03\nnext_review_due: 12\n", "bad.md:6: `next_review_due` must"),
        (
            "last_reviewed: 2026-03-03\nnext_review_due: 2026-03-03\n",
            "bad.md:6: `next_review_due` (2026-03-03) must be after `last_reviewed` (2026-03-03)",
        ),
        # {tomorrow} is filled in as the test runs, in the site's time zone (not when the
        # tests are collected, which may be the day before).
        ("last_reviewed: {tomorrow}\n", "bad.md:5: `last_reviewed` is {tomorrow}, in the future"),
        ("reviewed_by: [Priya Nair]\nlast_reviewed: 2026-03-03\n", "bad.md:5: `reviewed_by` must"),
        ("last_reviewed: 2026-02-30\n", "bad.md:5: the front matter has an invalid value"),
    ],
)
def test_bad_review_values_stop_the_import_and_write_nothing(
    indexes, tmp_path, priya, review, message
):
    tomorrow = days(1).isoformat()
    review, message = (text.replace("{tomorrow}", tomorrow) for text in (review, message))
    write(tmp_path, "a-good.md", condition_file("").replace("Acne", "Rosacea"))
    write(tmp_path, "bad.md", condition_file(review))
    before = counts(), Practitioner.objects.count()
    assert message in failed_import(tmp_path)
    assert (counts(), Practitioner.objects.count()) == before
    assert not Page.objects.filter(slug__in=["acne", "rosacea"]).exists()

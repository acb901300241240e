"""Site search at /search/: what visitors find, and that no query can break the page.

Runs on SQLite (FTS5) and, through `scripts/with-postgres.sh`, on PostgreSQL full-text.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.search.backends import get_search_backend

from blog.models import BlogIndexPage, BlogPage
from home.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, SEARCHABLE_TYPES
from tests.site.test_demo import load
from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish, soup
from treatments.models import ConditionPage, TreatmentCondition

pytestmark = pytest.mark.django_db

# What a page of results costs on top of the empty search page (which renders the same
# base template), however many pages match: the search and one query per page type shown
# (all matches are read, titles first: home/views.py; the privacy settings are read once
# per request, by the menu already).
SEARCH_QUERIES = 1 + len(SEARCHABLE_TYPES)


def search(client, query=None, **params):
    if query is not None:
        params["q"] = query
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def hits(response):
    """(type label, title, link) for each result shown."""
    return [
        (
            item.select_one(".search-result__type").get_text(strip=True),
            item.h2.get_text(strip=True),
            item.h2.a["href"],
        )
        for item in soup(response).select(".search-results > li")
    ]


def titles(response):
    return [title for _, title, _ in hits(response)]


def summary(response):
    return " ".join(soup(response).select_one(".search-summary").get_text().split())


def at_home_care(**item):
    """A treatment body with one at-home care item; `item` sets its fields."""
    value = {
        "name": "Facial roller",
        "description": "<p>Roll gently outwards.</p>",
        "frequency": "",
        "ramp_up": "",
        "session_length": "",
        "course_length": "",
        "materials": [],
        "cautions": [],
    } | item
    return [
        {"type": "at_home_care", "value": {"heading": "At home", "intro": "", "items": [value]}}
    ]


def make_post(index, title, **fields):
    fields.setdefault("summary", f"About {title.lower()}.")
    fields.setdefault("body", [{"type": "rich_text", "value": f"<p>{title}.</p>"}])
    return publish(index, BlogPage(title=title, date=datetime.date(2024, 5, 1), **fields))


@pytest.fixture
def tree(home_page):
    treatments, conditions = build_indexes(home_page)
    journal = publish(home_page, BlogIndexPage(title="Journal", slug="journal"))
    return treatments, conditions, journal


# --- The backend ------------------------------------------------------------------


def test_the_database_backend_uses_the_databases_own_full_text_search():
    backend = type(get_search_backend()).__name__
    expected = {"sqlite": "SQLiteSearchBackend", "postgresql": "PostgresSearchBackend"}
    assert backend == expected[connection.vendor]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite FTS5 does not stem words")
def test_postgresql_matches_other_forms_of_a_word(client, tree):
    treatments, _, _ = tree
    make_treatment(treatments, "Facial massage", summary="Relaxing strokes.")
    assert titles(search(client, "massages")) == ["Facial massage"]
    assert titles(search(client, "relax")) == ["Facial massage"]


# --- Finding pages -----------------------------------------------------------------


def test_the_demo_import_makes_its_pages_searchable(client, home_page):
    load()
    for title, url in [
        ("Facial acupuncture", "/treatments/facial-acupuncture/"),
        ("Facial massage", "/treatments/facial-massage/"),
        ("Microneedling", "/treatments/microneedling/"),
    ]:
        assert ("Treatment", title, url) in hits(search(client, title))
    # "Stainless steel" is a material of the facial massage's handheld massager.
    assert hits(search(client, "stainless")) == [
        ("Treatment", "Facial massage", "/treatments/facial-massage/")
    ]
    assert ("Condition", "Acne", "/conditions/acne/") in hits(search(client, "acne"))
    assert {label for label, _, _ in hits(search(client, "aftercare"))} == {
        "Treatment",
        "Journal post",
    }


def test_a_treatment_is_found_by_a_word_in_its_title(client, tree):
    treatments, _, _ = tree
    make_treatment(treatments, "Lymphatic drainage", summary="A gentle facial.")
    make_treatment(treatments, "Facial cupping", summary="Suction cups lift the skin.")
    assert hits(search(client, "lymphatic")) == [
        ("Treatment", "Lymphatic drainage", "/treatments/lymphatic-drainage/")
    ]


def test_a_treatment_is_found_by_the_conditions_it_treats(client, tree):
    treatments, conditions, _ = tree
    rosacea = make_condition(conditions, "Rosacea", summary="Flushing and redness.")
    melasma = make_condition(conditions, "Melasma", summary="Patches of darker skin.")
    cupping = make_treatment(treatments, "Facial cupping", [rosacea], summary="Suction cups.")

    assert hits(search(client, "rosacea")) == [
        ("Condition", "Rosacea", rosacea.url),
        ("Treatment", "Facial cupping", cupping.url),
    ]
    # An editor swaps the condition and publishes: the search follows at once.
    cupping.treated_conditions = [TreatmentCondition(condition=melasma, sort_order=0)]
    cupping.save_revision().publish()
    assert titles(search(client, "melasma")) == ["Melasma", "Facial cupping"]
    assert titles(search(client, "rosacea")) == ["Rosacea"]
    # Renaming a condition updates the treatments that list it.
    melasma.title = "Chloasma"
    melasma.save_revision().publish()
    assert titles(search(client, "chloasma")) == ["Chloasma", "Facial cupping"]


def test_a_condition_finds_its_treatments_only_while_it_is_published(client, tree):
    treatments, conditions, _ = tree
    keratosis = ConditionPage(title="Keratosis", summary="Rough patches.", live=False)
    conditions.add_child(instance=keratosis)
    keratosis.save_revision()
    make_treatment(treatments, "Facial cupping", [keratosis], summary="Suction cups.")
    assert titles(search(client, "keratosis")) == []

    keratosis.get_latest_revision().publish()
    assert titles(search(client, "keratosis")) == ["Keratosis", "Facial cupping"]

    keratosis.refresh_from_db()
    keratosis.unpublish()
    assert titles(search(client, "keratosis")) == []


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Zephyrite roller"},
        {"description": "<p>Warm a zephyrite stone in your palm first.</p>"},
        {"materials": [{"material": "Zephyrite", "why": "Stays cool"}]},
        {"materials": [{"material": "Jade", "why": "Cooler than zephyrite"}]},
        {"cautions": ["Never use zephyrite on broken skin"]},
        {"ramp_up": "A zephyrite minute a day at first"},
    ],
    ids=["name", "description", "material", "material-why", "caution", "starting-slowly"],
)
def test_a_word_only_in_an_at_home_care_item_finds_its_treatment(client, tree, item):
    treatments, _, _ = tree
    massage = make_treatment(treatments, "Facial massage", body=at_home_care(**item))
    make_treatment(treatments, "Microneedling", body=at_home_care())
    assert hits(search(client, "zephyrite")) == [("Treatment", "Facial massage", massage.url)]


def test_each_result_shows_its_type_title_link_and_summary(client, tree):
    treatments, conditions, journal = tree
    acne = make_condition(conditions, "Acne", summary="Spots and blocked pores.")
    needling = make_treatment(
        treatments, "Microneedling", summary="Tiny needles that help skin renew itself."
    )
    post = make_post(journal, "Living with acne", summary="Small habits that help.")
    response = search(client, "acne")

    assert sorted(hits(response)) == [
        ("Condition", "Acne", acne.url),
        ("Journal post", "Living with acne", post.url),
    ]
    assert "Small habits that help." in response.text
    assert summary(response) == "2 results for “acne”"
    assert hits(search(client, "renew")) == [("Treatment", "Microneedling", needling.url)]
    assert summary(search(client, "renew")) == "1 result for “renew”"


def test_compound_words_are_found_however_they_are_written(client, tree, subtests):
    """ "Micro-needling", "microneedling" and "micro needling" find the same pages."""
    treatments, _, journal = tree
    make_treatment(treatments, "Microneedling", summary="Fine needles, a fresher surface.")
    make_post(journal, "Is micro-needling for me?", summary="Who it suits.")
    make_treatment(treatments, "Facial massage", summary="An anti-wrinkle routine.")
    for query in ("microneedling", "micro-needling", "Micro Needling", "MICRO‑NEEDLING"):
        with subtests.test(query=query):
            assert sorted(titles(search(client, query))) == [
                "Is micro-needling for me?",
                "Microneedling",
            ]
    for query in ("antiwrinkle", "anti-wrinkle", "anti wrinkle routine"):
        with subtests.test(query=query):
            assert titles(search(client, query)) == ["Facial massage"]
    # Joining is for compounds only: every other word must still match.
    assert titles(search(client, "micro needling massage")) == []


def test_every_word_must_match(client, tree):
    treatments, _, _ = tree
    make_treatment(treatments, "Facial massage", summary="Relaxing strokes for tired skin.")
    make_treatment(treatments, "Facial cupping", summary="Suction for puffy skin.")
    assert sorted(titles(search(client, "facial skin"))) == ["Facial cupping", "Facial massage"]
    assert titles(search(client, "puffy facial")) == ["Facial cupping"]
    assert "No results for “puffy relaxing”" in summary(search(client, "puffy relaxing"))


# --- What is never found -------------------------------------------------------------


def test_drafts_private_expired_and_other_sites_pages_are_never_found(client, tree):
    treatments, conditions, journal = tree
    make_treatment(treatments, "Draft peel", live=False, summary="Glowing.")
    make_treatment(treatments, "Unpublished peel", summary="Glowing.").unpublish()
    private = make_treatment(treatments, "Private peel", summary="Glowing.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    expired = make_treatment(treatments, "Expired peel", summary="Glowing.")
    # Past its expiry date but not yet unpublished by `publish_scheduled`.
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    # A private section hides everything in it.
    members = make_post(journal, "Members glowing")
    PageViewRestriction.objects.create(page=journal, restriction_type="login")
    visible = make_treatment(treatments, "Enzyme peel", summary="Glowing.")
    # A published page's unpublished edit stays out of the search until it is published.
    visible.summary = "Glowing, now with secretword."
    visible.save_revision()

    assert titles(search(client, "glowing")) == ["Enzyme peel"]
    assert titles(search(client, "secretword")) == []
    # Each is left out for its own reason: publishing the edit or opening the section
    # brings the page back.
    visible.get_latest_revision().publish()
    assert titles(search(client, "secretword")) == ["Enzyme peel"]
    PageViewRestriction.objects.filter(page=journal).delete()
    assert sorted(titles(search(client, "glowing"))) == ["Enzyme peel", members.title]

    # A second site sees only its own pages.
    condition = make_condition(conditions, "Glowing skin", summary="Radiance.")
    Site.objects.create(hostname="conditions.example", port=80, root_page=conditions)
    response = client.get("/search/", {"q": "glowing"}, HTTP_HOST="conditions.example")
    assert [(label, title) for label, title, _ in hits(response)] == [
        ("Condition", condition.title)
    ]


# --- Pagination --------------------------------------------------------------------


@pytest.fixture
def many_matches(tree):
    """23 treatments, conditions and posts that all mention "hydration"."""
    treatments, conditions, journal = tree
    for n in range(8):
        make_treatment(treatments, f"Treatment {n}", summary="Deep hydration.")
        make_condition(conditions, f"Condition {n}", summary="Needs hydration.")
    for n in range(7):
        make_post(journal, f"Post {n}", summary="Notes on hydration.")
    return 23


def pagination(response):
    nav = soup(response).select_one("nav.search-pagination")
    return {
        "text": nav.p.get_text(strip=True),
        "prev": nav.select_one("a[rel=prev]")["href"] if nav.select_one("a[rel=prev]") else None,
        "next": nav.select_one("a[rel=next]")["href"] if nav.select_one("a[rel=next]") else None,
    }


def test_results_come_ten_a_page_with_previous_and_next_links(client, many_matches):
    first = search(client, "hydration")
    assert summary(first) == "23 results for “hydration”, page 1 of 3"
    assert len(titles(first)) == RESULTS_PER_PAGE
    assert pagination(first) == {
        "text": "Page 1 of 3",
        "prev": None,
        "next": "?q=hydration&page=2",
    }
    second = client.get("/search/" + pagination(first)["next"])
    assert pagination(second) == {
        "text": "Page 2 of 3",
        "prev": "?q=hydration&page=1",
        "next": "?q=hydration&page=3",
    }
    third = search(client, "hydration", page=3)
    assert pagination(third)["next"] is None
    seen = titles(first) + titles(second) + titles(third)
    assert len(seen) == len(set(seen)) == many_matches


def test_bad_page_numbers_show_the_nearest_real_page(client, many_matches, subtests):
    for page, shown in [
        ("0", 1),
        ("-1", 1),
        ("abc", 1),
        ("", 1),
        ("2.5", 1),
        ("99999", 3),
        ("9" * 5000, 3),  # past the last page, however long
        # Only the digits 0-9 make a number (int() reads any script's digits).
        ("\u0669" * 20, 1),  # "٩" (ARABIC-INDIC DIGIT NINE) twenty times
        ("\uff12", 1),  # "２" (FULLWIDTH DIGIT TWO)
        ("\u00b2", 1),  # "²"
        ("+2", 1),
    ]:
        with subtests.test(page=page[:10]):
            response = search(client, "hydration", page=page)
            assert pagination(response)["text"] == f"Page {shown} of 3"


def test_pagination_links_keep_an_unusual_query_intact(client, tree):
    _, conditions, _ = tree
    for n in range(11):
        make_condition(conditions, f"Condition {n}", summary="Dry & flaky skin.")
    response = search(client, "dry & flaky")
    assert pagination(response)["next"] == "?q=dry%20%26%20flaky&page=2"
    assert len(titles(client.get("/search/" + pagination(response)["next"]))) == 1


# --- Queries that could break the page ------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\t\n"}])
def test_an_empty_search_asks_for_words_and_lists_nothing(client, tree, params):
    response = search(client, **params)
    assert "Type a word or two" in summary(response)
    assert soup(response).select(".search-results") == []
    assert soup(response).select("nav.search-pagination") == []


def test_a_very_long_search_is_cut_and_the_visitor_told(client, tree):
    _, conditions, _ = tree
    make_condition(conditions, "Acne", summary="Spots.")
    response = search(client, "acne " * 1000)
    page = soup(response)
    assert f"first {MAX_QUERY_LENGTH} characters" in page.select_one(".search-notice").get_text()
    shown = page.select_one("#search-page-query")["value"]
    assert shown.startswith("acne acne") and len(shown) <= MAX_QUERY_LENGTH
    assert titles(response) == ["Acne"]
    # A normal search carries no notice.
    assert soup(search(client, "acne")).select(".search-notice") == []


JUNK = [
    "%_*",
    "%",
    "_",
    "*",
    '"',
    "'",
    "''",
    '"acne',
    "acne'",
    '"acne scars',
    "'); DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "acne' UNION SELECT password FROM auth_user --",
    "AND OR NOT",
    "NOT",
    "acne AND",
    "OR acne",
    "NEAR(acne scars)",
    "acne*",
    "-acne",
    "+acne",
    "^acne",
    "title:acne",
    "{title}:acne",
    "acne & | ! :",
    "((acne",
    "acne))",
    "\\",
    "\\'",
    "<script>alert(1)</script>",
    "😀🙂",
    "acne 😀",
    "\u202eacne",
    "\x00",
    "acne\x00scars",
    "ｱｸﾈ",
    "ß",
    "1.5mm",
]
# Junk around a real word still finds the page with that word.
FINDS_ACNE_SCARS = {
    '"acne',
    "acne'",
    '"acne scars',
    "acne*",
    "-acne",
    "+acne",
    "^acne",
    "acne & | ! :",
    "((acne",
    "acne))",
    "acne 😀",
    "\u202eacne",
    "acne\x00scars",
}


def test_junk_queries_show_a_normal_page(client, tree, subtests):
    _, conditions, _ = tree
    make_condition(conditions, "Acne scars", summary="Marks left by spots.")
    for query in JUNK:
        with subtests.test(query=query):
            response = search(client, query)
            assert soup(response).h1.get_text() == "Search"
            assert summary(response)
            assert "<script>alert" not in response.text
            if query in FINDS_ACNE_SCARS:
                assert titles(response) == ["Acne scars"]


def test_undecodable_query_strings_show_a_normal_page(client, tree, subtests):
    for raw in ["%00", "%ED%A0%80", "%FF%FE", "%25%00%25", "%", "%%", "acne%00%27%22"]:
        with subtests.test(raw=raw):
            response = client.get(f"/search/?q={raw}&page={raw}")
            assert response.status_code == 200
            assert soup(response).h1.get_text() == "Search"


def test_only_get_and_head_are_allowed(client, tree):
    assert client.head("/search/?q=acne").status_code == 200
    assert client.post("/search/", {"q": "acne"}).status_code == 405


# --- The page and the header form -----------------------------------------------------


def test_every_page_has_a_labelled_search_form_in_its_header(client, tree):
    treatments, conditions, journal = tree
    pages = [make_treatment(treatments, "Microneedling"), make_post(journal, "Sun care")]
    for url in ["/", treatments.url, conditions.url, journal.url, "/search/?q=acne"] + [
        page.url for page in pages
    ]:
        form = soup(client.get(url)).select_one("header form[role=search]")
        assert form["action"] == "/search/" and form["method"] == "get"
        field = form.select_one("input[name=q]")
        assert field["maxlength"] == str(MAX_QUERY_LENGTH)
        label = form.select_one(f"label[for={field['id']}]")
        assert label.get_text(strip=True) == "Search the site"
        assert form.select_one("button[type=submit]").get_text(strip=True) == "Search"


def test_the_search_page_asks_search_engines_not_to_index_it(client, tree):
    robots = soup(search(client, "acne")).select('meta[name="robots"]')
    assert [meta["content"] for meta in robots] == ["noindex"]
    home = soup(client.get("/")).select('meta[name="robots"]')
    assert "noindex" not in [meta["content"] for meta in home]


def test_the_page_title_names_the_search(client, tree):
    assert soup(search(client, "acne")).title.get_text().startswith("Search results for “acne”")
    assert soup(search(client)).title.get_text().startswith("Search")


# --- Speed -------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_page_of_results_costs_the_same_queries_for_3_or_20_matches(client, tree):
    treatments, conditions, journal = tree
    make_treatment(treatments, "Treatment 0", summary="Calm skin.")
    make_condition(conditions, "Condition 0", summary="Calm skin.")
    make_post(journal, "Post 0", summary="Calm skin.")
    few = count_queries(client, "/search/?q=calm")
    assert len(titles(client.get("/search/?q=calm"))) == 3
    for n in range(1, 7):
        make_treatment(treatments, f"Treatment {n}", summary="Calm skin.")
        make_condition(conditions, f"Condition {n}", summary="Calm skin.")
    for n in range(1, 6):
        make_post(journal, f"Post {n}", summary="Calm skin.")
    many = count_queries(client, "/search/?q=calm")
    assert summary(client.get("/search/?q=calm")).startswith("20 results")
    assert few == many
    assert count_queries(client, "/search/?q=calm&page=2") <= many
    assert many - count_queries(client, "/search/") == SEARCH_QUERIES


def test_a_page_titled_with_every_word_searched_for_comes_first(client, tree):
    treatments, conditions, _ = tree
    for n in range(12):  # pages that say "facial acupuncture" more often than its own page
        make_condition(
            conditions,
            f"Condition {n}",
            summary="Facial acupuncture, facial acupuncture and facial acupuncture may help.",
        )
    make_treatment(treatments, "Facial acupuncture", summary="Fine needles.")
    assert hits(search(client, "facial acupuncture"))[0] == (
        "Treatment",
        "Facial acupuncture",
        "/treatments/facial-acupuncture/",
    )

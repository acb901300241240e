"""A visitor sends an enquiry in a real browser: a mistake, the error, the fix, the thanks."""

import pytest
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

from home.models import EnquiryPage
from tests.browser.test_accessibility import AXE, AXE_RUN, AXE_TAGS, describe
from tests.treatments.factories import build_indexes, default_site, make_treatment, publish
from treatments.models import ClinicSettings


@pytest.fixture
def enquiry_page(home_page):
    cache.clear()  # the rate limit is kept in the cache
    treatments, _ = build_indexes(home_page)
    make_treatment(treatments, "Facial massage")
    make_treatment(treatments, "Microneedling")
    ClinicSettings.objects.update_or_create(
        site=default_site(), defaults={"email": "hello@clinic.example"}
    )
    return publish(
        home_page,
        EnquiryPage(
            title="Contact us",
            slug="contact",
            thank_you_text="<p>We reply within one working day.</p>",
        ),
    )


def test_visitor_fixes_a_mistake_and_reaches_the_thank_you_page(page, enquiry_page):
    page.goto("/contact/?treatment=microneedling")
    assert page.get_by_label("Treatment you are interested in").input_value() == "microneedling"
    page.get_by_label("Your name").fill("Jane Doe")
    page.get_by_label("Email address").fill("jane.example.com")
    page.get_by_label("Your message (optional)").fill("Could I come on a Saturday?")
    page.get_by_label("I agree that the clinic may contact me").check()
    page.get_by_role("button", name="Send enquiry").click()
    page.wait_for_load_state()

    # The error is named at the top and beside the field; nothing typed is lost.
    summary = page.get_by_role("alert")
    assert "There is a problem with your enquiry" in summary.inner_text()
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    error = page.locator("#id_email_error").inner_text()
    assert " ".join(error.split()) == "Error: Enter an email address like name@example.com."
    assert email.input_value() == "jane.example.com"
    assert page.get_by_label("Your name").input_value() == "Jane Doe"
    assert page.get_by_label("Your message (optional)").input_value() == (
        "Could I come on a Saturday?"
    )
    assert page.get_by_label("Treatment you are interested in").input_value() == "microneedling"
    assert page.get_by_label("I agree that the clinic may contact me").is_checked()
    assert not FormSubmission.objects.exists()

    # The summary's link leads to the field.
    summary.get_by_role("link", name="Enter an email address like name@example.com.").click()
    assert page.evaluate("location.hash") == "#id_email"

    email.fill("jane@example.com")
    page.get_by_role("button", name="Send enquiry").click()
    page.wait_for_url("**/contact/thanks/?treatment=microneedling")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thank you: your enquiry has been sent"
    )
    assert "We have your enquiry about Microneedling." in page.locator("main").inner_text()
    assert page.locator("form.enquiry-form").count() == 0
    assert FormSubmission.objects.get().form_data["email"] == "jane@example.com"


def test_after_an_empty_submission_focus_is_on_the_error_summary(
    chromium, live_server, enquiry_page
):
    # axe-core goes in as an inline script, which the site's CSP rightly refuses.
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto("/contact/")
        with page.expect_navigation():
            page.get_by_role("button", name="Send enquiry").click()

        # Focus starts on the summary, so a screen reader reads out what went wrong.
        summary = page.locator(".error-summary")
        assert summary.evaluate("el => el === document.activeElement")
        assert page.get_by_role("alert", name="There is a problem with your enquiry").count() == 1
        links = summary.get_by_role("link")
        assert [(link.inner_text(), link.get_attribute("href")) for link in links.all()] == [
            ("Enter your name, so we know who we are replying to.", "#id_name"),
            ("Enter an email address or a phone number (or both), so we can reply.", "#id_email"),
            ("Tick the box to let us contact you: without it we cannot reply.", "#id_consent"),
        ]
        for link in links.all():
            assert page.locator(link.get_attribute("href")).count() == 1

        # Tab goes on to the first mistake's link, which leads to its field.
        page.keyboard.press("Tab")
        assert links.first.evaluate("el => el === document.activeElement")
        page.keyboard.press("Enter")
        assert page.get_by_label("Your name").evaluate("el => el === document.activeElement")

        page.add_script_tag(content=AXE.read_text())
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        assert not violations, describe(violations)
    finally:
        context.close()

"""The Content-Security-Policy in a real browser: the public site, the admin (editing,
previewing, publishing) and the API's Swagger page work under it, and the browser
reports no violation anywhere (docs/deployment.md#security)."""

import pytest

from tests.treatments.factories import WHAT_TO_EXPECT, build_indexes, make_condition, make_treatment

PASSWORD = "a long clinic password"


@pytest.fixture
def clinic(home_page, django_user_model):
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne scars")
    needling = make_treatment(treatments, "Microneedling", conditions=[acne], body=[WHAT_TO_EXPECT])
    django_user_model.objects.create_superuser("manager", "manager@clinic.example", PASSWORD)
    return needling


def violations(page):
    reported = page.evaluate("window.cspViolations")
    in_console = [text for text in page.console_messages if "Content Security Policy" in text]
    return reported + in_console


@pytest.mark.django_db(transaction=True)
def test_visitors_pages_render_styled_with_no_violation(browser_page, clinic):
    page = browser_page
    for url in ["/", "/treatments/microneedling/", "/conditions/acne-scars/", "/search/?q=acne"]:
        response = page.goto(url)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        # The stylesheet applied: the skip link is moved off screen until focused.
        assert page.locator(".skip-link").evaluate("el => el.getBoundingClientRect().top") < 0
        assert violations(page) == [], url


@pytest.mark.django_db(transaction=True)
def test_staff_edit_preview_and_publish_in_the_admin_with_no_violation(browser_page, clinic):
    page = browser_page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/{clinic.pk}/edit/")
    page.locator("#id_title").fill("Microneedling with serum")
    # The live preview frames the page inside the admin.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe.w-preview__iframe[src]").last
    preview.get_by_role("heading", name="Microneedling with serum").wait_for()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("'Microneedling with serum' has been published.").wait_for()
    assert violations(page) == []

    # Signed in, the public page shows the userbar, still with nothing blocked.
    page.goto("/treatments/microneedling/")
    page.get_by_role("heading", name="Microneedling with serum", level=1).wait_for()
    assert page.locator("wagtail-userbar").count() == 1
    assert violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_api_reference_page_works_under_the_policy(browser_page, clinic):
    page = browser_page
    page.goto("/api/clinic/v1/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 3
    assert violations(page) == []

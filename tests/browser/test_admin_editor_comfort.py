"""An inline row's heading follows its chooser in the real admin (treatments/panels.py,
treatments/static/treatments/admin/chosen-titles.js); the server-side half is tested in
tests/treatments/test_admin_editor_comfort.py."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.treatments.factories import build_indexes, make_condition, make_treatment

PASSWORD = "comfort-pass-123"


def test_a_condition_rows_heading_follows_the_chosen_condition(page, home_page):
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne")
    make_condition(conditions, "Rosacea")
    make_condition(conditions, "Melasma")
    needling = make_treatment(treatments, "Microneedling", conditions=[acne])
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{needling.pk}/edit/")

    panel = page.get_by_role("region", name="Conditions it treats")
    rows = panel.locator("[data-inline-panel-child]")
    headings = rows.locator("[data-panel-heading-text]")
    expect(headings).to_have_text(["Acne"])

    panel.get_by_role("button", name="Add Condition").click()
    expect(headings).to_have_text(["Acne", "Condition 2"])

    rows.nth(1).get_by_role("button", name="Choose a page").click()
    chooser = page.get_by_role("dialog")
    links = chooser.locator("a.choose-page")
    expect(links).to_have_text(["Acne", "Melasma", "Rosacea"])  # A to Z
    chooser.get_by_role("link", name="Rosacea").click()
    expect(chooser).to_have_count(0)
    expect(headings).to_have_text(["Acne", "Rosacea"])
    # The row is a region named by its heading, for screen readers too.
    expect(panel.get_by_role("region", name="Rosacea")).to_have_count(1)

    # Choosing another condition renames the row again.
    rows.nth(1).get_by_role("button", name="Actions").click()
    rows.nth(1).get_by_role("button", name="Choose another page").click()
    chooser.get_by_role("link", name="Melasma").click()
    expect(chooser).to_have_count(0)
    expect(headings).to_have_text(["Acne", "Melasma"])

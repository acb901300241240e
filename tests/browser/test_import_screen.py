"""Admin › Import pages in Chromium: a marketing editor pastes a page copied from the old
website, checks the preview, creates the draft and submits it to clinical review, at a
person's pace (treatments/importer/views.py, docs/importing.md)."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import wait_until_the_editor_watches, watch_the_editor
from tests.browser.test_accessibility import AXE, AXE_RUN, AXE_TAGS, describe

# The roles as the migrations make them, and signing in, as in the editorial journeys.
from tests.browser.test_editorial_journey import (  # noqa: F401 (editorial_roles: a fixture)
    EDITORS,
    PASSWORD,
    editorial_roles,
    log_in,
)
from tests.treatments.factories import build_indexes
from treatments.models import TreatmentPage

SCREENSHOT = Path("/tmp/import-preview.png")

PASTED = """Hydrating facial

A calming facial that cleans, exfoliates and hydrates tired skin in under an hour.

What to expect
1. We talk about your skin and any products you use.
2. A gentle cleanser and a soft fruit-acid peel lift dead skin cells.
3. A hydrating mask rests on your skin for fifteen minutes.

Aftercare
• Wear sunscreen every day for a week.
• Skip make-up for the rest of the day.
• Drink plenty of water.
"""


def assert_accessible(page):
    """axe-core finds nothing on the screen (WCAG 2.2 AA and best practices)."""
    page.add_script_tag(content=AXE.read_text())
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    assert not violations, describe(violations)


@pytest.fixture
def treatments(home_page, editorial_roles):  # noqa: F811 (the imported fixture)
    """The treatments and conditions lists, and Mia, a marketing editor."""
    treatments, _ = build_indexes(home_page)
    editor = get_user_model().objects.create_user("mia", "mia@example.com", PASSWORD)
    editor.groups.add(editorial_roles[EDITORS])
    return treatments


def test_an_editor_imports_pasted_text_and_submits_the_draft_for_review(page, treatments):
    page.set_default_timeout(15_000)
    watch_the_editor(page)
    log_in(page, "mia")

    page.get_by_role("link", name="Import pages").click()
    page.wait_for_url("**/admin/import-pages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import pages")
    assert_accessible(page)

    text = page.get_by_label("Or paste the text of one page")
    text.click()
    text.press_sequentially(PASTED, delay=5)
    page.get_by_role("radio", name="Treatment", exact=True).check()
    page.get_by_label("Where they go").select_option(label="Treatments")
    page.get_by_role("button", name="Preview").click()

    # --- The preview: each section as it will show, nothing saved yet ---------------
    expect(page.get_by_role("heading", level=2, name="Hydrating facial")).to_be_visible()
    labels = page.locator(".import-preview__label")
    expect(labels).to_have_text(["What to expect", "Aftercare"])
    steps = page.locator(".import-preview__block").nth(0).get_by_role("heading", level=3)
    expect(steps).to_have_text(
        [
            "We talk about your skin and any products you use",
            "A gentle cleanser and a soft fruit-acid peel lift dead skin cells",
            "A hydrating mask rests on your skin for fifteen minutes",
        ]
    )
    expect(page.get_by_text("/treatments/hydrating-facial/")).to_be_visible()
    assert not TreatmentPage.objects.filter(slug="hydrating-facial").exists()
    assert_accessible(page)
    # The admin scrolls inside its own layout: a tall window shows the whole preview.
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.screenshot(path=SCREENSHOT)
    page.set_viewport_size({"width": 1280, "height": 720})

    # --- Create the draft, then open it ---------------------------------------------
    page.get_by_role("button", name="Create drafts").click()
    page.wait_for_url("**/admin/import-pages/")
    done = page.get_by_role("status").filter(has_text="Imported 1 page as drafts")
    expect(done).to_be_visible()
    draft = TreatmentPage.objects.get(slug="hydrating-facial")
    assert not draft.live
    done.get_by_role("link", name="Edit “Hydrating facial”").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Hydrating facial")

    # --- Submit it to clinical review, as for any draft -----------------------------
    wait_until_the_editor_watches(page)
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name="Submit to Clinical review").click()
    page.wait_for_url(f"**/admin/pages/{treatments.pk}/")
    row = page.get_by_role("row").filter(has_text="Hydrating facial")
    expect(row).to_contain_text(re.compile("in moderation", re.IGNORECASE))

    draft = TreatmentPage.objects.get(pk=draft.pk)
    assert not draft.live
    assert draft.workflow_in_progress
    assert draft.current_workflow_state.workflow.name == "Clinical review"

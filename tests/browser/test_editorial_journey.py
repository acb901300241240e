"""A marketing editor writes a treatment, a clinical reviewer signs it off, a visitor reads it.

One journey through the real admin in Chromium, with the roles and the "Clinical review"
workflow made by the home app's data migration (docs/editorial.md).
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.dateformat import format as format_date
from playwright.sync_api import expect
from wagtail.models import Workflow

from tests.factories import build_indexes, make_condition
from treatments.models import Practitioner

ROLES_MIGRATION = ("home", "0006_editorial_roles")
EDITORS, REVIEWERS = "Marketing editors", "Clinical reviewers"
PASSWORD = "journey-pass-123"
SCREENSHOTS = Path("/tmp/editorial-journey")


@pytest.fixture
def editorial_roles(home_page):
    """The groups and workflow the roles migration made, as a fresh install has them.

    `live_server` makes the test transactional, and every transactional test ends with a
    flush that deletes what data migrations wrote, groups and workflows included. So when
    an earlier test has flushed them away, run the migration's own RunPython code again,
    with the historical models `migrate` gives it, instead of building the groups here:
    what is tested is what the migration makes. (`serialized_rollback` would restore the
    migrated rows too, but it reloads content types by their old ids, which clash with the
    ones the post-flush `post_migrate` signal recreates.) Wagtail's own migrated rows are
    flushed too, its sample workflow on the root page among them; the roles migration takes
    that one off anyway, so the set-up matches a fresh install. Without the migration, this
    fails.
    """
    if not Group.objects.filter(name=EDITORS).exists():
        loader = MigrationLoader(connection)
        if ROLES_MIGRATION not in loader.graph.nodes:
            pytest.fail("The roles migration home/0006_editorial_roles.py is missing.")
        migration = loader.get_migration(*ROLES_MIGRATION)
        state = loader.project_state(ROLES_MIGRATION, at_end=False)
        with connection.schema_editor(atomic=migration.atomic) as editor:
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.database_forwards(ROLES_MIGRATION[0], editor, state, state)
    assert Workflow.objects.filter(name="Clinical review", active=True).exists()
    return {name: Group.objects.get(name=name) for name in (EDITORS, REVIEWERS)}


@pytest.fixture
def clinic(home_page, editorial_roles):
    """Empty treatments list, three conditions, an editor and a reviewer who is a
    practitioner; returns the treatments list page."""
    treatments, conditions = build_indexes(home_page)
    for name in ("Acne scars", "Fine lines", "Rosacea"):
        make_condition(conditions, name)
    User = get_user_model()
    editor = User.objects.create_user("mia", "mia@example.com", PASSWORD, first_name="Mia")
    editor.groups.add(editorial_roles[EDITORS])
    reviewer = User.objects.create_user("amara", "amara@example.com", PASSWORD)
    reviewer.groups.add(editorial_roles[REVIEWERS])
    Practitioner.objects.create(
        name="Dr Amara Osei", role="Dermatologist", credentials="MBBS, MRCP", user=reviewer
    )
    return treatments


@pytest.fixture
def new_page(chromium, live_server, request):
    """Opens a page in a browser context of its own, one per person; when the test fails,
    each person's last view is saved as /tmp/editorial-journey/<person>.png."""
    contexts = {}

    def open_page(person):
        context = chromium.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts[person] = context
        return context.new_page()

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for person, context in contexts.items():
        if report is None or report.failed:
            SCREENSHOTS.mkdir(exist_ok=True)
            for page in context.pages:
                page.screenshot(path=SCREENSHOTS / f"{person}.png", full_page=True)
        context.close()


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def chosen_conditions(page):
    panel = page.get_by_role("region", name="Conditions it treats")
    return panel.locator("[data-chooser-title]").all_inner_texts()


def add_step(page, index, title, description):
    step = page.get_by_role("region", name=re.compile("^Step")).nth(index)
    step.get_by_role("textbox", name="Title*").fill(title)
    # Draftail's editable area has no label of its own; its field wrapper is named by
    # the block's content path.
    step.locator('[data-contentpath="description"]').get_by_role("textbox").fill(description)


def drag_above(page, entry, target):
    """Drag an InlinePanel entry by its handle onto the upper part of another, as an editor
    would with the mouse (Wagtail sorts the entries with SortableJS's native drag and drop)."""
    # Both entries on screen, away from the edges where SortableJS scrolls the page.
    target.evaluate("el => el.scrollIntoView({block: 'center'})")
    entry.get_by_role("button", name="Drag").hover()
    page.mouse.down()
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3, steps=10)
    page.mouse.up()


def test_editor_writes_reviewer_approves_visitor_reads(new_page, clinic):
    # --- The marketing editor writes the page ---------------------------------------
    editor = new_page("editor")
    log_in(editor, "mia")
    editor.goto(f"/admin/pages/{clinic.pk}/")
    editor.get_by_role("link", name="Add child page").click()
    editor.wait_for_url("**/add/treatments/treatmentpage/**")
    editor.get_by_role("textbox", name="Title*", exact=True).fill("Chemical peel")
    editor.get_by_role("textbox", name="Summary*", exact=True).fill(
        "A fruit-acid solution lifts the dull top layer of skin."
    )

    editor.get_by_role("button", name="Insert a block").click()
    editor.get_by_role("option", name="What to expect").click()
    what_to_expect = editor.get_by_role("region", name="What to expect")
    add_step(editor, 0, "Cleanse", "We wash and dry your skin.")
    # The last "+" of the list adds a step after the others.
    what_to_expect.get_by_role("button", name="Add", exact=True).last.click()
    add_step(editor, 1, "Apply the peel", "The solution stays on for a few minutes.")

    conditions = editor.get_by_role("region", name="Conditions it treats")
    chooser = editor.get_by_role("dialog")
    for name in ("Acne scars", "Fine lines"):
        conditions.get_by_role("button", name="Add Condition").click()
        conditions.get_by_role("button", name="Choose a page").last.click()
        chooser.get_by_role("link", name=name).click()
        expect(chooser).to_have_count(0)
    assert chosen_conditions(editor) == ["Acne scars", "Fine lines"]

    entries = conditions.locator("[data-inline-panel-child]")
    drag_above(editor, entries.nth(1), entries.nth(0))
    assert chosen_conditions(editor) == ["Fine lines", "Acne scars"]
    # The form sends the new order in each entry's ORDER field (entries keep their numbers).
    orders = {
        name: conditions.locator(f'input[name="treated_conditions-{n}-ORDER"]').input_value()
        for n, name in enumerate(["Acne scars", "Fine lines"])
    }
    assert int(orders["Fine lines"]) < int(orders["Acne scars"])

    editor.get_by_role("button", name="Save draft").click()
    # Wagtail 8 autosaves: once the form is valid it may create the page in the background
    # (and switch the form and the address to the edit view), so "Save draft" either
    # creates or updates it. Wait for the message that comes with the saved page; the edit
    # form it leads to is drawn from what was saved.
    saved = re.compile(r"Page 'Chemical peel' (created|has been updated)\.")
    expect(editor.get_by_role("status")).to_contain_text(saved)
    assert chosen_conditions(editor) == ["Fine lines", "Acne scars"]

    # --- No publishing for the editor: submit to the clinical review ------------------
    editor.get_by_role("button", name="More actions").click()
    expect(editor.get_by_role("button", name="Submit to Clinical review")).to_be_visible()
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    editor.get_by_role("button", name="Submit to Clinical review").click()
    editor.wait_for_url(f"**/admin/pages/{clinic.pk}/")
    row = editor.get_by_role("row").filter(has_text="Chemical peel")
    expect(row).to_contain_text(re.compile("in moderation", re.IGNORECASE))
    editor.goto("/admin/")
    expect(editor.get_by_text("Awaiting Clinical review")).to_be_visible()

    # --- The clinical reviewer approves it -------------------------------------------
    reviewer = new_page("reviewer")
    log_in(reviewer, "amara")
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name="Chemical peel").click()
    reviewer.wait_for_url("**/admin/pages/*/edit/")
    assert chosen_conditions(reviewer) == ["Fine lines", "Acne scars"]
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name=re.compile("^Approve with comment")).click()
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_label("Comment").fill("Checked the steps and the conditions.")
    dialog.get_by_role("button", name="Approve with comment").click()
    reviewer.wait_for_url(f"**/admin/pages/{clinic.pk}/")
    row = reviewer.get_by_role("row").filter(has_text="Chemical peel")
    expect(row).to_contain_text(re.compile("live", re.IGNORECASE))

    # --- A visitor reads the published page ------------------------------------------
    visitor = new_page("visitor")
    visitor.goto("/treatments/chemical-peel/")
    treats = visitor.locator("#what-it-treats").get_by_role("link")
    assert treats.all_inner_texts() == ["Fine lines", "Acne scars"]
    steps = visitor.locator("#what-to-expect").get_by_role("heading", level=3)
    assert steps.all_inner_texts() == ["Cleanse", "Apply the peel"]
    today = format_date(timezone.localdate(), "j F Y")
    expect(visitor.get_by_text("Medically reviewed")).to_have_text(
        f"Medically reviewed by Dr Amara Osei, MBBS, MRCP on {today}"
    )

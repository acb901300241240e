"""Editors and reviewers at work in the real admin, in Chromium, at a person's pace.

A person types, sees the admin's background autosave answer ("Saved" in the header), and
only then presses a button; the tests do the same (`type_slowly`, `wait_for_autosave`), so
every save here follows an autosave of the editor's own, which must never be taken for
someone else's newer version. The roles and the "Clinical review" workflow are those the
clinical review app's data migration makes (docs/editorial.md).
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

from blog.models import BlogIndexPage, BlogPage
from tests.browser.conftest import wait_until_the_editor_watches, watch_the_editor
from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish
from treatments.models import Practitioner, TreatmentPage

# The migrations that make the roles, their rights and the workflow, in order.
ROLE_MIGRATIONS = [
    ("treatments_review", "0002_editorial_roles"),
    ("home", "0008_site_manager_rights"),
]
EDITORS, REVIEWERS = "Marketing editors", "Clinical reviewers"
PASSWORD = "journey-pass-123"
SCREENSHOTS = Path("/tmp/editorial-journey")
REFUSED = "saved a newer version of this page"


@pytest.fixture
def editorial_roles(home_page):
    """The groups and workflow the roles migrations made, as a fresh install has them.

    `live_server` makes the test transactional, and every transactional test ends with a
    flush that deletes what data migrations wrote, groups and workflows included. So when
    an earlier test has flushed them away, run the migrations' own RunPython code again,
    with the historical models `migrate` gives it, instead of building the groups here:
    what is tested is what the migrations make. (`serialized_rollback` would restore the
    migrated rows too, but it reloads content types by their old ids, which clash with the
    ones the post-flush `post_migrate` signal recreates.) Wagtail's own migrated rows are
    flushed too, its sample workflow on the root page among them; the roles migration takes
    that one off anyway, so the set-up matches a fresh install.
    """
    if not Group.objects.filter(name=EDITORS).exists():
        loader = MigrationLoader(connection)
        for key in ROLE_MIGRATIONS:
            if key not in loader.graph.nodes:
                pytest.fail(f"The roles migration {key} is missing.")
            migration = loader.get_migration(*key)
            state = loader.project_state(key, at_end=False)
            with connection.schema_editor(atomic=migration.atomic) as editor:
                for operation in migration.operations:
                    if isinstance(operation, RunPython):
                        operation.database_forwards(key[0], editor, state, state)
    assert Workflow.objects.filter(name="Clinical review", active=True).exists()
    return {name: Group.objects.get(name=name) for name in (EDITORS, REVIEWERS)}


@pytest.fixture
def clinic(home_page, editorial_roles):
    """Empty treatments list, three conditions, a journal, an editor and a reviewer who is
    a practitioner; returns the treatments list page."""
    treatments, conditions = build_indexes(home_page)
    for name in ("Acne scars", "Fine lines", "Rosacea"):
        make_condition(conditions, name)
    publish(home_page, BlogIndexPage(title="Journal", slug="journal"))
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
    each person's last view is saved as /tmp/editorial-journey/<test>-<person>.png."""
    contexts = {}

    def open_page(person):
        context = chromium.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts[person] = context
        page = context.new_page()
        watch_the_editor(page)
        return page

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for person, context in contexts.items():
        if report is None or report.failed:
            SCREENSHOTS.mkdir(exist_ok=True)
            for page in context.pages:
                path = SCREENSHOTS / f"{request.node.name}-{person}.png"
                page.screenshot(path=path, full_page=True)
        context.close()


# --- How a person works ---------------------------------------------------------------


def type_slowly(field, text):
    """Once the form is ready, click at the end of a field and type, a key at a time."""
    wait_until_the_editor_watches(field.page)
    field.click()
    field.press("Control+End")
    field.press_sequentially(text, delay=15)


def autosaves_so_far(page):
    return page.evaluate("window.autosaves")


def wait_for_autosave(page, before):
    """After the last keystroke: wait until an autosave made after `before` has finished
    and the header says "Saved", as a person waits before pressing a button."""
    page.wait_for_function("before => window.autosaves > before", arg=before)
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    expect(page.locator(".w-autosave-indicator__state--saved")).to_be_visible()


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def saved_message(page, title):
    message = re.compile(rf"Page '{re.escape(title)}' (created|has been updated)\.")
    expect(page.get_by_role("status").filter(has_text=message)).to_be_visible()
    expect(page.get_by_text(REFUSED)).to_have_count(0)


def chosen_conditions(page):
    panel = page.get_by_role("region", name="Conditions it treats")
    return panel.locator("[data-chooser-title]").all_inner_texts()


def add_step(page, index, title, description):
    step = page.get_by_role("region", name=re.compile("^Step")).nth(index)
    type_slowly(step.get_by_role("textbox", name="Title*"), title)
    # Draftail's editable area has no label of its own; its field wrapper is named by
    # the block's content path.
    type_slowly(
        step.locator('[data-contentpath="description"]').get_by_role("textbox"), description
    )


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


def open_more_actions(page):
    page.get_by_role("button", name="More actions").click()


def add_to_summary_and_publish(page, words, parent):
    """Type at the end of the open page's summary, wait for "Saved", then publish it."""
    before = autosaves_so_far(page)
    type_slowly(page.get_by_role("textbox", name="Summary*", exact=True), words)
    wait_for_autosave(page, before)
    open_more_actions(page)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/admin/pages/{parent.pk}/")
    expect(page.get_by_text(REFUSED)).to_have_count(0)


# --- Journeys -----------------------------------------------------------------------------


def test_editor_writes_reviewer_approves_visitor_reads(new_page, clinic):
    # --- The marketing editor writes the page, waiting for each autosave --------------
    editor = new_page("editor")
    log_in(editor, "mia")
    editor.goto(f"/admin/pages/{clinic.pk}/")
    editor.get_by_role("link", name="Add child page").click()
    editor.wait_for_url("**/add/treatments/treatmentpage/**")
    type_slowly(editor.get_by_role("textbox", name="Title*", exact=True), "Chemical peel")
    type_slowly(
        editor.get_by_role("textbox", name="Summary*", exact=True),
        "A fruit-acid solution lifts the dull top layer of skin.",
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

    before = autosaves_so_far(editor)
    entries = conditions.locator("[data-inline-panel-child]")
    drag_above(editor, entries.nth(1), entries.nth(0))
    assert chosen_conditions(editor) == ["Fine lines", "Acne scars"]
    # The background save has created the page (the address is now its edit view).
    wait_for_autosave(editor, before)
    editor.wait_for_url("**/admin/pages/*/edit/")

    editor.get_by_role("button", name="Save draft").click()
    saved_message(editor, "Chemical peel")
    assert chosen_conditions(editor) == ["Fine lines", "Acne scars"]
    draft = TreatmentPage.objects.get(slug="chemical-peel").get_latest_revision_as_object()
    assert [link.condition.title for link in draft.treated_conditions.all()] == [
        "Fine lines",
        "Acne scars",
    ]

    # --- Later, the editor changes a word, waits, and submits for clinical review ------
    before = autosaves_so_far(editor)
    summary = editor.get_by_role("textbox", name="Summary*", exact=True)
    type_slowly(summary, " Best in autumn.")
    wait_for_autosave(editor, before)
    open_more_actions(editor)
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    editor.get_by_role("button", name="Submit to Clinical review").click()
    editor.wait_for_url(f"**/admin/pages/{clinic.pk}/")
    expect(editor.get_by_text(REFUSED)).to_have_count(0)
    row = editor.get_by_role("row").filter(has_text="Chemical peel")
    expect(row).to_contain_text(re.compile("in moderation", re.IGNORECASE))

    # --- The clinical reviewer approves it -------------------------------------------
    reviewer = new_page("reviewer")
    log_in(reviewer, "amara")
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name="Chemical peel").click()
    reviewer.wait_for_url("**/admin/pages/*/edit/")
    assert chosen_conditions(reviewer) == ["Fine lines", "Acne scars"]
    open_more_actions(reviewer)
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
    expect(visitor.locator(".lede")).to_contain_text("Best in autumn.")
    treats = visitor.locator("#what-it-treats").get_by_role("link")
    assert treats.all_inner_texts() == ["Fine lines", "Acne scars"]
    steps = visitor.locator("#what-to-expect").get_by_role("heading", level=3)
    assert steps.all_inner_texts() == ["Cleanse", "Apply the peel"]
    today = format_date(timezone.localdate(), "j F Y")
    expect(visitor.get_by_text("Medically reviewed")).to_have_text(
        f"Medically reviewed by Dr Amara Osei, MBBS, MRCP on {today}"
    )


def test_editor_publishes_a_post_and_a_reviewer_publishes_a_change(new_page, clinic):
    make_treatment(clinic, "Microneedling", summary="Fine needles renew the skin.")

    # --- The editor writes a journal post and publishes it -----------------------------
    editor = new_page("editor")
    log_in(editor, "mia")
    journal = BlogIndexPage.objects.get()
    editor.goto(f"/admin/pages/add/blog/blogpage/{journal.pk}/")
    type_slowly(editor.get_by_role("textbox", name="Title*", exact=True), "Winter skin")
    type_slowly(
        editor.get_by_role("textbox", name="Summary*", exact=True),
        "Cold air and heating dry the skin: three habits that help.",
    )
    editor.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Text").first.click()
    before = autosaves_so_far(editor)
    type_slowly(
        editor.locator('[data-contentpath="body"] [role="textbox"]').first,
        "Use a richer cream at night.",
    )
    wait_for_autosave(editor, before)
    editor.get_by_role("button", name="Save draft").click()
    saved_message(editor, "Winter skin")

    add_to_summary_and_publish(editor, " Short and simple.", journal)
    post = BlogPage.objects.get(slug="winter-skin")
    assert post.live and post.summary.endswith("Short and simple.")

    # --- A reviewer changes a treatment's summary and publishes it directly -----------
    reviewer = new_page("reviewer")
    log_in(reviewer, "amara")
    treatment = TreatmentPage.objects.get(slug="microneedling")
    reviewer.goto(f"/admin/pages/{treatment.pk}/edit/")
    add_to_summary_and_publish(reviewer, " Three sessions.", clinic)

    visitor = new_page("visitor")
    visitor.goto("/journal/winter-skin/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Winter skin")
    expect(visitor.get_by_text("Use a richer cream at night.")).to_be_visible()
    visitor.goto("/treatments/microneedling/")
    expect(visitor.locator(".lede")).to_contain_text("Three sessions.")
    # Published without an approval: the page claims no review.
    expect(visitor.get_by_text("Medically reviewed")).to_have_count(0)


def test_two_people_edit_one_page_and_nothing_typed_is_lost(new_page, clinic):
    treatment = make_treatment(clinic, "Microneedling", summary="Fine needles renew the skin.")
    edit = f"/admin/pages/{treatment.pk}/edit/"
    mia, amara = new_page("mia"), new_page("amara")
    log_in(mia, "mia")
    log_in(amara, "amara")
    mia.goto(edit)
    amara.goto(edit)

    # Amara changes the summary and saves; Mia's open form is now out of date.
    before = autosaves_so_far(amara)
    type_slowly(amara.get_by_role("textbox", name="Summary*", exact=True), " Amara's note.")
    wait_for_autosave(amara, before)
    amara.get_by_role("button", name="Save draft").click()
    saved_message(amara, "Microneedling")

    # Mia types too. Her autosave stops rather than overwrite Amara's version, and the
    # header shows that Amara saved a newer one.
    type_slowly(mia.get_by_role("textbox", name="Summary*", exact=True), " Mia's note.")
    expect(mia.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "paused"
    )
    expect(mia.locator("form.w-editing-sessions")).to_have_attribute(
        "data-w-session-intercept-value", "conflict"
    )
    # Her Save draft asks first; she chooses to replace Amara's version (it stays in the
    # history), and is not asked a second time.
    mia.get_by_role("button", name="Save draft").click()
    dialog = mia.get_by_role("dialog")
    expect(dialog).to_contain_text("amara saved a new version")
    dialog.get_by_role("button", name="Save draft").click()
    saved_message(mia, "Microneedling")
    expect(mia.get_by_role("textbox", name="Summary*", exact=True)).to_have_value(
        "Fine needles renew the skin. Mia's note."
    )
    latest = TreatmentPage.objects.get(pk=treatment.pk).get_latest_revision_as_object()
    assert latest.summary == "Fine needles renew the skin. Mia's note."
    assert treatment.revisions.filter(content__summary__endswith="Amara's note.").exists()


def test_a_save_the_browser_could_not_warn_about_is_refused_then_saved_again(new_page, clinic):
    """Wagtail's warning comes from pings every few seconds; a save made before the next
    ping is stopped by the server instead, with the editor's text kept in the form."""
    treatment = make_treatment(clinic, "Microneedling", summary="Fine needles renew the skin.")
    mia = new_page("mia")
    log_in(mia, "mia")
    mia.goto(f"/admin/pages/{treatment.pk}/edit/")
    wait_until_the_editor_watches(mia)
    # Someone else publishes a newer version between two of Mia's pings.
    newer = TreatmentPage.objects.get(pk=treatment.pk)
    newer.summary = "Changed elsewhere."
    newer.save_revision(user=get_user_model().objects.get(username="amara"))

    mia.get_by_role("button", name="Save draft").click()
    expect(mia.get_by_text(f"amara {REFUSED}")).to_be_visible()
    mia.get_by_role("button", name="Save draft").click()
    saved_message(mia, "Microneedling")

"""Admin › Import pages: marketing staff upload files or paste text, see what each section
becomes, and create drafts that go through review as usual (treatments/importer/views.py,
docs/importing.md).

Runs in the clinic and in the plugin's bare site: only the plugin's types (treatment,
condition) are used here; the site's journal posts are offered where the site registers
them (settings TREATMENTS_IMPORT_TYPES).
"""

import re
import textwrap

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision

from treatments.importer.views import TOKEN_SALT
from treatments.models import ConditionIndexPage, ConditionPage, TreatmentPage

from .factories import build_indexes, make_condition, soup

pytestmark = pytest.mark.django_db

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"
URL = "/admin/import-pages/"
CREATE_URL = "/admin/import-pages/create/"

# A page as a marketing editor copies it from the old website: a title line, sections with
# a heading line each, numbered steps and bullet points.
PASTED = textwrap.dedent(
    """\
    Oxygen facial

    A cooling facial that sprays a fine mist of oxygen and serum onto the skin.

    At a glance
    • Duration: 45 minutes
    • Colour of the room: green

    What to expect
    1. We cleanse your skin and dry it gently.
    2. A soft peel lifts dead skin cells.
    3. The wand sprays oxygen and serum over your face.

    Aftercare
    • Wear sunscreen every day for a week.
    • Skip make-up for the rest of the day.
    """
)


# A page saved from an old website, in the character set its <meta> tag names.
SAVED_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="windows-1252">
<title>Crème peel | Willow Skin Clinic</title>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/treatments/">Treatments</a></nav></header>
<main>
<article>
<h1>Crème peel</h1>
<p>A gentle peel for dull, tired skin. Fruit acids loosen the top layer of dead skin cells
so that fresher skin shows through, with little or no peeling afterwards.</p>
<p>The peel suits most skin types and is often booked before a special occasion, or as a
course of three to six sessions spread a few weeks apart.</p>
<h2>Aftercare</h2>
<p>Your skin may feel warm and look a little pink for a few hours.</p>
<ul>
<li>Wear sunscreen every day for a week.</li>
<li>Avoid saunas and steam rooms for two days.</li>
</ul>
</article>
</main>
<footer><p>© Willow Skin Clinic</p></footer>
</body>
</html>
"""


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


@pytest.fixture
def treatments(indexes):
    return indexes[0]


@pytest.fixture
def conditions(indexes):
    return indexes[1]


def person(name, *groups, superuser=False):
    if superuser:
        return User.objects.create_superuser(name, f"{name}@example.com", "pass")
    user = User.objects.create_user(name, f"{name}@example.com", "pass")
    for group in groups:
        user.groups.add(Group.objects.get(name=group) if isinstance(group, str) else group)
    return user


@pytest.fixture
def editor():
    return person("mia", EDITORS)


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def a_group_that_may_add_under(name, *pages, actions=("add",)):
    """A group with admin access that may only do `actions` under `pages`."""
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in pages:
        for action in actions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=f"{action}_page")
            )
    return group


def assert_refused(client, response):
    """Refused as the admin refuses: back to the dashboard, with Wagtail's message."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    message = soup(client.get("/admin/")).select_one(".messages .error")
    assert "you do not have permission" in message.get_text()


def menu_names(client):
    """The names of the admin menu's items, as its sidebar gets them."""
    response = client.get("/admin/")
    assert response.status_code == 200
    return set(re.findall(r'"name": "([\w-]+)"', response.content.decode()))


def preview(client, text=PASTED, files=(), **fields):
    data = {"kind": "treatment", "parent": "", "title": "", "text": text, **fields}
    if files:
        data["files"] = list(files)
    return client.post(URL, data)


def token_of(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    field = soup(response).find("input", attrs={"name": "token"})
    assert field is not None, problems(response) or errors(response)
    return field["value"]


def create(client, token):
    return client.post(CREATE_URL, {"token": token})


def problems(response):
    return [
        li.get_text(" ", strip=True) for li in soup(response).select(".import-pages__problems li")
    ]


def errors(response):
    return [
        node.get_text(" ", strip=True)
        for node in soup(response).select(".error-message, .import-pages__problems li")
    ]


def block_labels(response):
    return [label.get_text(strip=True) for label in soup(response).select(".import-preview__label")]


def textarea(response):
    """The pasted text as the browser shows it (it drops the newline after <textarea>)."""
    text = soup(response).find("textarea", attrs={"name": "text"}).get_text()
    return text.removeprefix("\n")


def counts():
    return Page.objects.count(), Revision.objects.count()


# --- Who sees it ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("admin", True),
        (MANAGERS, True),
        (EDITORS, True),
        # Clinical reviewers may add pages too (treatments_review 0002_editorial_roles), so
        # they may import them; only the right to add pages decides.
        (REVIEWERS, True),
        ("nobody", False),
    ],
)
def test_the_screen_is_for_whoever_may_add_pages(client, treatments, conditions, role, allowed):
    if role == "admin":
        user = person("root", superuser=True)
    elif role == "nobody":  # admin access, no right on any page
        user = person("una", a_group_that_may_add_under("Readers"))
    else:
        user = person("someone", role)
    client.force_login(user)
    assert ("import-pages" in menu_names(client)) is allowed
    response = client.get(URL)
    if not allowed:
        assert_refused(client, response)
        assert_refused(client, preview(client))
        return
    assert response.status_code == 200
    if allowed:
        page = soup(response)
        assert page.find("h1").get_text(strip=True) == "Import pages"
        kinds = [label.get_text(strip=True) for label in page.select("#id_kind label")]
        assert kinds[:2] == ["Treatment", "Condition"]
        parents = [option.get_text() for option in page.select("#id_parent optgroup option")]
        assert parents[:2] == ["Treatments", "Conditions"]


def test_a_reviewer_without_the_right_to_add_pages_does_not_see_it(client, indexes):
    reviewers = Group.objects.get(name=REVIEWERS)
    GroupPagePermission.objects.filter(group=reviewers, permission__codename="add_page").delete()
    client.force_login(person("amara", REVIEWERS))
    assert "import-pages" not in menu_names(client)
    assert_refused(client, client.get(URL))
    assert_refused(client, preview(client))


def test_signed_out_people_are_sent_to_sign_in(client, indexes):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_only_the_types_and_parents_a_user_may_add_are_offered(client, treatments, conditions):
    client.force_login(person("cleo", a_group_that_may_add_under("Condition writers", conditions)))
    page = soup(client.get(URL))
    assert [i["value"] for i in page.select("#id_kind input")] == ["condition"]
    assert [o.get_text() for o in page.select("#id_parent optgroup option")] == ["Conditions"]


# --- Step 2: the preview --------------------------------------------------------------


def test_pasted_text_is_previewed_block_by_block_with_its_warnings(as_editor, treatments):
    before = counts()
    response = preview(as_editor)
    token_of(response)
    assert counts() == before  # a dry run: nothing saved
    page = soup(response)
    assert page.select_one(".import-preview__page h2").get_text(strip=True) == "Oxygen facial"
    facts = page.select_one(".import-preview__facts").get_text(" ", strip=True)
    assert "/treatments/oxygen-facial/" in facts
    assert "A new page, saved as a draft" in facts
    assert "A cooling facial that sprays a fine mist" in facts  # the summary
    assert block_labels(response) == ["Session facts", "What to expect", "Aftercare"]

    cards = page.select(".import-preview__block")
    steps = [h.get_text(strip=True) for h in cards[1].select(".import-preview__content h3")]
    assert steps == [
        "We cleanse your skin and dry it gently",
        "A soft peel lifts dead skin cells",
        "The wand sprays oxygen and serum over your face",
    ]
    assert "Wear sunscreen every day for a week" in cards[2].get_text()
    # The warning is shown on the block its line made.
    warning = cards[0].select_one(".help-warning").get_text(" ", strip=True)
    assert warning.startswith("line 7:")
    assert "left out" in warning


def test_a_markdown_file_and_the_pasted_text_are_previewed_together(as_editor, treatments):
    markdown = SimpleUploadedFile(
        "Laser hair removal.md",
        b"# Laser hair removal\n\nLight pulses slow hair growth.\n\n## Aftercare\n\n"
        b"- Avoid the sun for two weeks.\n",
    )
    response = preview(as_editor, files=[markdown])
    token_of(response)
    titles = [h.get_text(strip=True) for h in soup(response).select(".import-preview__page > h2")]
    assert titles == ["Laser hair removal", "Oxygen facial"]
    facts = soup(response).select(".import-preview__facts")[0].get_text(" ", strip=True)
    assert "Laser-hair-removal.md" in facts


def test_a_saved_web_page_in_its_own_character_set_is_imported_as_it_was(as_editor, treatments):
    html = SAVED_PAGE.encode("windows-1252")
    upload = SimpleUploadedFile("Crème peel.html", html, content_type="text/html")
    response = preview(as_editor, text="", files=[upload])
    token = token_of(response)
    assert "Aftercare" in block_labels(response)
    create(as_editor, token)
    page = TreatmentPage.objects.get(slug="crème-peel")
    assert page.title == "Crème peel" and not page.live


def test_two_files_with_one_name_are_both_imported(as_editor, treatments):
    first = SimpleUploadedFile("page.md", b"# Chemical peel\n\nAcids renew the skin.\n")
    second = SimpleUploadedFile("page.md", b"# Dermaplaning\n\nA blade lifts fine hair.\n")
    response = preview(as_editor, text="", files=[first, second])
    create(as_editor, token_of(response))
    assert {p.title for p in TreatmentPage.objects.child_of(treatments)} == {
        "Chemical peel",
        "Dermaplaning",
    }


def test_the_conditions_a_treatment_links_are_listed_and_new_ones_marked(
    as_editor, treatments, conditions
):
    make_condition(conditions, "Acne")
    text = "---\ntitle: Peel\nconditions: [Acne, Melasma]\n---\n\nA peel.\n"
    response = preview(as_editor, text=text)
    token_of(response)
    linked = soup(response).select(".import-preview__facts li")
    assert linked[0].get_text(" ", strip=True) == "Acne"
    new = linked[1].get_text(" ", strip=True)
    assert new.startswith("Melasma New condition page line 3: created the condition page")
    assert not ConditionPage.objects.filter(slug="melasma").exists()


def test_problems_are_listed_by_file_and_line_and_the_text_is_kept(as_editor, treatments):
    text = "---\ntitle: Oxygen facial\nsummary: [not, a, line]\n---\n\nSome words.\n"
    before = counts()
    response = preview(as_editor, text=text)
    assert response.status_code == 200
    assert counts() == before
    found = problems(response)
    assert len(found) == 1
    assert found[0].startswith("pasted-text.txt:3:")
    assert "import-pages-" not in found[0]  # no server folder in what the editor reads
    assert textarea(response) == text
    assert soup(response).find("input", attrs={"name": "token"}) is None


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("notes.docx", b"PK\x03\x04 word"),
            "is not a file this screen can read",
        ),
        (SimpleUploadedFile("long.md", b"# Long\n\n" + b"a" * (2 * 1024 * 1024)), "over 2 MB"),
        (SimpleUploadedFile("blank.txt", b""), "is empty"),
        (SimpleUploadedFile("blank.txt", b"  \n\n"), "is empty"),
        (SimpleUploadedFile("latin.txt", "Crème brûlée".encode("latin-1")), "UTF-8"),
        (None, "there is nothing to import"),
    ],
    ids=["wrong-suffix", "too-big", "empty", "blank", "not-utf-8", "nothing"],
)
def test_a_bad_upload_is_a_form_error_and_nothing_is_made(as_editor, treatments, upload, message):
    before = counts()
    response = preview(as_editor, text="", files=[upload] if upload else [])
    assert response.status_code == 200
    assert any(message in error for error in errors(response)), errors(response)
    assert soup(response).find("input", attrs={"name": "token"}) is None
    assert counts() == before


def test_a_picture_from_elsewhere_on_the_server_is_refused(as_editor, treatments):
    text = "# Peel\n\nA peel.\n\n![The clinic](../../../etc/clinic.jpg)\n"
    found = problems(preview(as_editor, text=text))
    assert len(found) == 1 and "pictures cannot be imported" in found[0]
    text = "---\ntitle: Peel\nimage: /etc/hostname\nimage_alt: A file\n---\n\nA peel.\n"
    found = problems(preview(as_editor, text=text))
    assert found == [
        "pasted-text.txt:3: pictures cannot be imported from this screen: take the picture "
        "out of the text, import it, then add the picture in the page editor"
    ]


# --- Step 3: the drafts ---------------------------------------------------------------


def test_create_drafts_makes_a_draft_for_review_and_again_changes_nothing(
    as_editor, editor, treatments
):
    response = create(as_editor, token_of(preview(as_editor)))
    assert response.status_code == 302
    assert response["Location"] == URL
    page = TreatmentPage.objects.get(slug="oxygen-facial")
    assert page.get_parent().pk == treatments.pk
    assert not page.live and page.has_unpublished_changes
    assert page.owner == editor
    assert page.latest_revision.user == editor
    draft = page.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == [
        "session_facts",
        "what_to_expect",
        "aftercare",
    ]

    message = soup(as_editor.get(URL)).select_one(".messages .success")
    assert "Imported 1 page as drafts" in message.get_text(" ", strip=True)
    link = message.find("a", href=reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert link.get_text(" ", strip=True) == "Edit “Oxygen facial”"

    # The same text again: the same page, nothing new.
    revisions = page.revisions.count()
    token = token_of(preview(as_editor))
    assert "already has exactly this text" in soup(preview(as_editor)).get_text()
    create(as_editor, token)
    assert TreatmentPage.objects.filter(slug="oxygen-facial").count() == 1
    assert page.revisions.count() == revisions
    # Changed text: a new draft version of the same page.
    token = token_of(preview(as_editor, text=PASTED + "\nBook a consultation first.\n"))
    create(as_editor, token)
    assert TreatmentPage.objects.filter(slug="oxygen-facial").count() == 1
    assert page.revisions.count() == revisions + 1
    assert not TreatmentPage.objects.get(pk=page.pk).live


def test_the_type_and_parent_chosen_are_used(as_editor, conditions):
    text = "Rosacea\n\nRedness across the cheeks and nose that comes and goes.\n"
    token = token_of(preview(as_editor, text=text, kind="condition", parent=str(conditions.pk)))
    create(as_editor, token)
    page = ConditionPage.objects.get(slug="rosacea")
    assert page.get_parent().pk == conditions.pk and not page.live


def test_the_title_field_names_text_without_a_title_line(as_editor, treatments):
    text = "We clean your skin and apply a soft peel.\n\nIt takes half an hour.\n"
    assert problems(preview(as_editor, text=text)) == [
        "pasted-text.txt:1: no title: put the page's title on the first line of the text, or "
        "fill in “Title”"
    ]
    token = token_of(preview(as_editor, text=text, title="Gentle peel"))
    create(as_editor, token)
    assert TreatmentPage.objects.get(slug="gentle-peel").title == "Gentle peel"


def test_text_with_a_title_line_keeps_it_whatever_the_title_field_says(as_editor, treatments):
    response = preview(as_editor, title="Oxygen treatment")
    token_of(response)
    assert soup(response).select_one(".import-preview__page h2").get_text() == "Oxygen facial"
    note = soup(response).select_one(".import-preview__page > .help-warning").get_text()
    assert "the text has its own title, “Oxygen facial”, so the title you typed is not used" in note


def test_a_title_is_for_one_page(as_editor, treatments):
    files = [
        SimpleUploadedFile("a.md", b"Some words about a peel.\n"),
        SimpleUploadedFile("b.md", b"Some words about a facial.\n"),
    ]
    found = problems(preview(as_editor, text="", files=files, title="Peel"))
    assert found and found[0].startswith("a.md, b.md: a title is for one page")


def test_change_the_text_brings_the_pasted_text_back(as_editor, treatments):
    token = token_of(preview(as_editor))
    response = as_editor.post(URL, {"token": token, "back": "1"})
    assert textarea(response) == PASTED


# --- What an editor may not do --------------------------------------------------------


@pytest.fixture
def condition_writer(client, treatments, conditions):
    """May add conditions (and edit the ones they made), nothing else."""
    user = person("cleo", a_group_that_may_add_under("Condition writers", conditions))
    client.force_login(user)
    return client


def test_a_parent_that_does_not_take_the_type_is_a_form_error(as_editor, treatments):
    before = counts()
    response = preview(as_editor, kind="condition", parent=str(treatments.pk))
    assert any(
        "A condition cannot go there. Choose “Conditions”" in error for error in errors(response)
    ), errors(response)
    assert counts() == before


def test_a_parent_the_user_may_not_add_to_is_refused(condition_writer, treatments, conditions):
    before = counts()
    for kind in ("condition", "treatment"):
        response = preview(condition_writer, kind=kind, parent=str(treatments.pk))
        assert any("Select a valid choice" in error for error in errors(response))
    # A file naming the type or the parent itself gets no further.
    text = "---\ntype: treatment\ntitle: Peel\n---\n\nA peel.\n"
    found = problems(preview(condition_writer, text=text, kind="condition"))
    assert "unknown type ‘treatment’" in found[0]
    text = "---\ntitle: Peel\nparent: /treatments/\n---\n\nA peel.\n"
    assert problems(preview(condition_writer, text=text, kind="condition")) == [
        "pasted-text.txt:3: a condition cannot go under “Treatments” (a treatment list)"
    ]
    # A second list of conditions, where this user may not add pages.
    archive = treatments.get_parent().add_child(
        instance=ConditionIndexPage(title="Archive", slug="archive")
    )
    before = counts()
    text = "---\ntitle: Rosacea\nparent: /archive/\n---\n\nRedness.\n"
    assert problems(preview(condition_writer, text=text, kind="condition")) == [
        "pasted-text.txt:3: you may not add a condition under “Archive”"
    ]
    assert not ConditionPage.objects.child_of(archive).exists()
    assert counts() == before


def test_a_tampered_token_is_refused(client, condition_writer, editor, treatments, conditions):
    text = "Rosacea\n\nRedness across the cheeks.\n"
    token = token_of(preview(condition_writer, text=text, kind="condition"))
    before = counts()
    payload = signing.loads(token, salt=TOKEN_SALT)

    changed = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    forged = signing.dumps({**payload, "parent": treatments.pk, "kind": "treatment"}, salt="x")
    # Signed by the server for this user, but for a place they may not add to (as if made
    # before their rights were taken away).
    stale = signing.dumps(
        {**payload, "kind": "treatment", "parent": treatments.pk}, salt=TOKEN_SALT
    )
    outside = signing.dumps({**payload, "files": [["../../evil.txt", "x"]]}, salt=TOKEN_SALT)
    for bad in (changed, forged, stale, outside, ""):
        response = create(condition_writer, bad)
        assert response.status_code == 400
        assert problems(response)
    # Someone else's preview.
    client.force_login(editor)
    response = create(client, token)
    assert response.status_code == 400
    assert "someone else" in problems(response)[0]
    assert counts() == before


def test_a_page_the_user_may_not_edit_is_not_updated(condition_writer, conditions):
    make_condition(conditions, "Rosacea", summary="Written by the clinic.")
    text = "Rosacea\n\nRedness across the cheeks.\n"
    found = problems(preview(condition_writer, text=text, kind="condition"))
    assert found == [
        "pasted-text.txt:1: this would change the page at /conditions/rosacea/, which you may "
        "not edit"
    ]


def test_a_new_condition_needs_the_right_to_add_conditions(client, treatments, conditions):
    make_condition(conditions, "Acne")
    group = a_group_that_may_add_under("Treatment writers", treatments)
    client.force_login(person("tom", group))
    text = "---\ntitle: Peel\nconditions: [Acne, Melasma]\n---\n\nA peel.\n"
    found = problems(preview(client, text=text))
    assert len(found) == 1
    assert found[0].startswith("pasted-text.txt:3: there is no condition called “Melasma”")
    # Linking an existing condition is fine.
    text = "---\ntitle: Peel\nconditions: [Acne]\n---\n\nA peel.\n"
    response = preview(client, text=text)
    token_of(response)
    assert "Acne" in soup(response).select_one(".import-preview__facts").get_text()

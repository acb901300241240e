"""The living style page at /styleguide/ (site/styleguide/, docs/design-system.md): staff see
the stylesheet's tokens with their contrast, the components and every block editors can
add; nobody else sees it, and no cache keeps it."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User

from blog.models import BlogPage
from home.models import StandardPage
from tests.blog.test_blog import make_index, make_post
from tests.treatments.factories import build_indexes, make_treatment, soup
from treatments.blocks import QuoteBlock
from treatments.models import ClinicSettings, ConditionPage, TreatmentPage

pytestmark = pytest.mark.django_db

URL = "/styleguide/"
SAMPLES = "/styleguide/samples.css"
STYLESHEET = Path(django_settings.SITE_DIR) / "static" / "css" / "clinic.css"
# The StreamFields of the site's models, listed by hand: the page finds them by itself.
STREAM_FIELDS = [
    TreatmentPage.body,
    ConditionPage.description,
    BlogPage.body,
    StandardPage.body,
    ClinicSettings.opening_hours,
]
RATIO = r"\d+\.\d\d:1"


@pytest.fixture
def editor(home_page):
    user = User.objects.create_user("mia", "mia@clinic.example", "pass")
    user.groups.add(Group.objects.get(name="Marketing editors"))
    return user


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def stylesheet(settings, tmp_path):
    """Serve a stylesheet of the test's own as css/clinic.css, found before the site's."""

    def use(css):
        (tmp_path / "css").mkdir(exist_ok=True)
        (tmp_path / "css" / "clinic.css").write_text(css)
        settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]

    return use


def colour_entry(response, name):
    return soup(response).find(id=f"token{name}")


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={URL}"


# --- Who sees it ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, home_page):
    assert_sent_to_sign_in(client.get(URL))
    assert client.get(SAMPLES).status_code == 302


def test_a_signed_in_user_without_admin_access_is_sent_to_sign_in(client, home_page):
    client.force_login(User.objects.create_user("pat", "pat@example.com", "pass"))
    assert_sent_to_sign_in(client.get(URL))


def test_an_editor_sees_it_and_search_engines_are_told_not_to_index_it(as_editor):
    response = as_editor.get(URL)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert html.h1.get_text() == "Style guide"
    # The samples' stylesheet, which an editor's browser may fetch too.
    assert html.find("link", rel="stylesheet", href=SAMPLES)
    assert as_editor.get(SAMPLES)["Content-Type"].startswith("text/css")


def test_no_cache_keeps_it_for_the_next_visitor(as_editor, client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    response = as_editor.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    as_editor.logout()
    for _ in range(2):
        refused = as_editor.get(URL)
        assert_sent_to_sign_in(refused)
        assert "no-store" in refused["Cache-Control"]
        assert "X-Page-Cache" not in refused


def test_it_is_not_in_the_sitemap(client, home_page):
    assert URL not in client.get("/sitemap.xml").text


def test_the_admin_help_menu_links_to_it(as_editor):
    # The sidebar's items as the admin page hands them to its script, Help's last.
    sidebar = as_editor.get("/admin/").text
    help_menu = sidebar[sidebar.index('"label": "Help"') :]
    assert re.search(r'"label": "Style guide"[^\]]*?"url": "/styleguide/"', help_menu)


# --- Tokens --------------------------------------------------------------------------------


def test_every_colour_of_the_site_stylesheet_is_shown_with_its_contrast(as_editor):
    root = re.search(r":root\s*{(.*?)}", STYLESHEET.read_text(), re.DOTALL).group(1)
    colours = re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;", root)
    assert colours, "the stylesheet's :root declares no hex colours"
    response = as_editor.get(URL)
    for name, value in colours:
        entry = colour_entry(response, name)
        assert entry is not None, f"{name} is missing"
        text = entry.get_text(" ")
        assert len(re.findall(RATIO, text)) == 2, f"{name} lacks its contrast ratios: {text}"
        assert value.lower() in text.lower() or len(value) < 7


def test_contrast_is_worked_out_against_the_page_background_and_text(as_editor, stylesheet):
    stylesheet(
        """
        /* Tokens of a stylesheet in the making. */
        :root {
            --color-text: #000;
            --color-page: #ffffff;
            --color-just-enough: #767676;
            --color-not-quite: #777777;
            --color-brand: rgb(11 94 85);
            --color-mist: hsl(0 0% 100% / 50%);
            --color-lab: oklch(62.8% 0.2577 29.23);
            --color-mix: color-mix(in srgb, red, blue);
            --ink: var(--color-text);
            --step-0: 1.0625rem;
            --space-m: 1.5rem;
            --radius-s: 4px;
            --shadow-s: 0 1px 2px rgb(0 0 0 / 0.2);
            --measure: 42rem;
        }
        @media (prefers-color-scheme: dark) { :root { --color-page: #000000; } }
        body { color: var(--ink); background: var(--color-page); }
        """
    )
    response = as_editor.get(URL)
    html = soup(response)
    intro = html.find(id="colours").find_next("p").get_text(" ")
    assert "#ffffff" in intro and "#000000" in intro

    def contrasts(name):
        entry = colour_entry(response, name)
        return [" ".join(dd.get_text(" ").split()) for dd in entry.select(".sg-contrast dd")]

    # 4.54:1 and 4.48:1 on white: the first passes AA for normal text, the second does not.
    assert contrasts("--color-just-enough") == ["4.54:1 AA pass", "4.62:1 AA pass"]
    assert contrasts("--color-not-quite") == ["4.47:1 AA fail", "4.68:1 AA pass"]
    assert contrasts("--color-text") == ["21.00:1 AA pass", "1.00:1 AA fail"]
    # Other notations are read too, shown as hex; half-transparent white is seen over the page.
    assert "#0b5e55" in colour_entry(response, "--color-brand").get_text()
    assert "#ff0000" in colour_entry(response, "--color-lab").get_text()
    assert contrasts("--color-mist") == ["1.00:1 AA fail", "21.00:1 AA pass"]
    # A colour by value, whatever its name.
    assert "21.00:1" in colour_entry(response, "--ink").get_text()
    # A value it cannot read is still shown, without a made-up ratio.
    mix = colour_entry(response, "--color-mix").get_text(" ")
    assert "color-mix" in mix and not re.search(RATIO, mix)

    for section, name, sample in [
        ("type", "--step-0", ".sg-step"),
        ("spacing", "--space-m", ".sg-space"),
        ("radii", "--radius-s", ".sg-radius"),
        ("shadows", "--shadow-s", ".sg-shadow"),
    ]:
        row = html.find(id=section).find_parent("section").find("code", string=name)
        assert row is not None, f"{name} is not under {section}"
        assert row.find_parent("tr").select_one(f"{sample}.sg-v{name}")
    assert html.find(id="other-tokens").find_parent("section").find("code", string="--measure")

    # Each sample takes its token's value from the stylesheet.
    samples = as_editor.get(SAMPLES).text
    assert ".sg-v--space-m { --sg-value: var(--space-m); }" in samples
    assert ".sg-v--color-brand { --sg-value: var(--color-brand); }" in samples


def test_a_missing_stylesheet_is_said_and_the_rest_still_shown(as_editor, settings):
    with mock.patch("styleguide.tokens.finders.find", return_value=None):
        response = as_editor.get(URL)
    assert response.status_code == 200
    assert "was not found" in soup(response).select_one(".sg-error").get_text()
    assert soup(response).find(id="blocks")


# --- Components ----------------------------------------------------------------------------


def test_components_are_drawn_with_real_cards_of_live_pages(as_editor, home_page):
    treatments, _ = build_indexes(home_page)
    make_treatment(treatments, "Microneedling")
    make_treatment(treatments, "Unpublished peel", live=False)
    journal = make_index(home_page)
    make_post(journal, "Caring for skin after a peel")
    html = soup(as_editor.get(URL))
    section = html.find(id="components").find_parent("section")
    for selector in ["a.button", "a.button.button--secondary", "a.button.button--ghost"]:
        assert section.select_one(selector)
    assert section.select_one("aside.callout")
    assert len(section.select("ul.tag-list li a")) == 3
    cards = [a.get_text() for a in section.select("ul.cards li.card a")]
    assert cards == ["Microneedling", "Caring for skin after a peel"]
    assert section.select_one('ul.cards li.card a[href="/treatments/microneedling/"]')


def test_without_live_pages_the_cards_say_so(as_editor):
    section = soup(as_editor.get(URL)).find(id="components").find_parent("section")
    assert not section.select("ul.cards")
    notes = section.get_text(" ")
    assert "No live treatment pages yet" in notes
    assert "No live journal posts yet" in notes


# --- Blocks --------------------------------------------------------------------------------


def block_sections(response):
    blocks = soup(response).find(id="blocks").find_parent("section")
    return {section.h3.get_text(): section for section in blocks.select("section.sg-block")}


def test_every_block_of_every_streamfield_is_drawn_with_its_preview(as_editor):
    response = as_editor.get(URL)
    sections = block_sections(response)
    contents = soup(response).select_one("nav.toc").get_text(" ")
    for stream_field in STREAM_FIELDS:
        for name, block in stream_field.field.stream_block.child_blocks.items():
            label = str(block.label)
            assert label in sections, f"{name} ({label}) is missing"
            assert label in contents
            section = sections[label]
            assert section.find("code", string=name)
            assert section.find("code", string=f"{type(block).__module__}.{type(block).__name__}")
            if block.get_description():
                assert block.get_description() in section.get_text()
            assert section.select_one(f".sg-preview .block-{name}") or section.select_one(
                ".sg-error"
            )
    assert "Ready to book?" in sections["Call to action"].select_one(".sg-preview").get_text()
    assert "sunscreen every morning" in sections["Quote"].get_text()
    # Each block once, though several pages offer it.
    headings = [h3.get_text() for h3 in soup(response).select("section.sg-block h3")]
    assert headings.count("Text") == 1


def test_a_block_whose_preview_fails_shows_why_and_the_page_still_answers(as_editor):
    with mock.patch.object(
        QuoteBlock, "get_preview_value", side_effect=RuntimeError("no quote today")
    ):
        response = as_editor.get(URL)
    assert response.status_code == 200
    sections = block_sections(response)
    error = sections["Quote"].select_one(".sg-error")
    assert "RuntimeError: no quote today" in error.get_text()
    assert not sections["Quote"].select_one(".sg-preview")
    assert "Ready to book?" in sections["Call to action"].select_one(".sg-preview").get_text()

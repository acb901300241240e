"""The before-and-after gallery in Chromium on a phone (390 px) and a desktop (1280 px):
each before photo sits beside its after photo at both widths with nothing scrolling
sideways, axe-core finds nothing, and on a desktop the optional comparison slider works by
keyboard alone (issue 23, "Public site and API"). Without JavaScript the pair is all there
is."""

import pytest
from wagtail.images.tests.utils import Image, get_test_image_file_jpeg

from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish
from treatments.models import Practitioner, PractitionerIndexPage
from treatments.results.models import ConsentRecord, ResultCase, ResultsIndexPage

from .conftest import RECORD_VIOLATIONS
from .test_accessibility import AXE_TAGS, axe_source, axe_violations, describe  # noqa: F401

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TREATMENT = "/treatments/microneedling/"
RESULTS = "/results/"


@pytest.fixture
def gallery(home_page):
    treatments, conditions = build_indexes(home_page)
    scars = make_condition(conditions, "Acne scars")
    needling = make_treatment(treatments, "Microneedling", [scars])
    publish(home_page, PractitionerIndexPage(title="Our team", slug="team"))
    publish(home_page, ResultsIndexPage(title="Results", slug="results"))
    priya = Practitioner.objects.create(name="Priya Nair", slug="priya-nair", role="Nurse")
    consent = ConsentRecord.objects.create(patient_reference="R-1", signed_on="2026-01-05")
    for n, caption in enumerate(("Shallower scars.", "Smoother texture.", "Less redness.")):
        case = ResultCase.objects.create(
            treatment=needling,
            consent=consent,
            practitioner=priya,
            sessions=3,
            time_between="12 weeks",
            # Small generated photos, portrait like most clinical ones.
            before_image=Image.objects.create(
                title=f"before {n}",
                file=get_test_image_file_jpeg(f"b{n}.jpg", "#b5654f", size=(300, 400)),
            ),
            after_image=Image.objects.create(
                title=f"after {n}",
                file=get_test_image_file_jpeg(f"a{n}.jpg", "#e9c3b0", size=(300, 400)),
            ),
            before_alt=f"Cheek with deep scars, before ({caption})",
            after_alt=f"The same cheek with shallower scars ({caption})",
            caption=caption,
            photos_unretouched=True,
        )
        case.conditions.set([scars])
        case.save()


@pytest.fixture
def tab(chromium, live_server):
    """`tab(viewport, path, **context options)`: a tab at `path` that records CSP violations."""
    contexts = []

    def open_at(viewport, path, **options):
        context = chromium.new_context(viewport=viewport, base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.add_init_script(RECORD_VIOLATIONS)
        contexts.append(context)
        page = context.new_page()
        assert page.goto(path).status == 200
        # Each photo scrolled into view, so lazy ones load too (slowly on a busy machine).
        for photo in page.locator(".result-case img").all():
            photo.scroll_into_view_if_needed()
        page.wait_for_function(
            "[...document.querySelectorAll('.result-case img')].every((img) => img.complete)",
            timeout=30_000,
        )
        page.evaluate("window.scrollTo(0, 0)")
        return page

    yield open_at
    for context in contexts:
        context.close()


# Each pair: the before and after photo boxes, and how wide the page scrolls.
PAIRS = """() => ({
    scrollWidth: document.documentElement.scrollWidth,
    pairs: [...document.querySelectorAll('.result-case__pair')].map((pair) => {
        const [before, after] = [...pair.querySelectorAll('.result-case__photo')].map((f) => {
            const img = f.querySelector('img');
            const box = img.getBoundingClientRect();
            return {left: box.left, right: box.right, top: box.top, width: box.width,
                    loaded: img.complete && img.naturalWidth > 0,
                    label: f.querySelector('figcaption').innerText};
        });
        return {before, after};
    }),
})"""


def assert_side_by_side(page, viewport):
    found = page.evaluate(PAIRS)
    assert found["scrollWidth"] <= viewport["width"], "the page scrolls sideways"
    assert len(found["pairs"]) == 3
    for pair in found["pairs"]:
        before, after = pair["before"], pair["after"]
        assert (before["label"].lower(), after["label"].lower()) == ("before", "after")
        assert abs(before["top"] - after["top"]) < 1, pair  # one row
        assert before["right"] <= after["left"], pair  # before on the left, not overlapping
        assert after["right"] <= viewport["width"], pair
        assert abs(before["width"] - after["width"]) < 1 and before["width"] > 100, pair
        assert before["loaded"] and after["loaded"], pair


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("path", [TREATMENT, RESULTS])
def test_pairs_are_side_by_side_and_pass_axe(tab, gallery, axe_source, viewport, path):  # noqa: F811
    # axe-core goes in as an inline script, which the site's CSP rightly refuses.
    page = tab(viewport, path, bypass_csp=True)
    assert_side_by_side(page, viewport)
    violations = axe_violations(page, axe_source)
    assert not violations, describe(violations)


@pytest.mark.parametrize("path", [TREATMENT, RESULTS])
def test_the_comparison_slider_works_by_keyboard_on_a_desktop(tab, gallery, path):
    page = tab(DESKTOP, path)
    case = page.locator(".result-case").first
    toggle = case.get_by_role("button", name="Compare with a slider")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert_side_by_side(page, DESKTOP)  # until the visitor asks for the slider

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    slider = case.get_by_role("slider", name="Divider between the before and after photo")
    assert slider.is_visible()
    photos = case.locator(".result-case__photo")
    before, after = photos.nth(0).bounding_box(), photos.nth(1).bounding_box()
    assert (before["x"], before["y"]) == (after["x"], after["y"])  # laid over each other

    page.keyboard.press("Tab")
    assert slider.evaluate("el => el === document.activeElement")
    for _ in range(10):
        page.keyboard.press("ArrowLeft")
    assert slider.input_value() == "40"
    assert slider.get_attribute("aria-valuetext") == "40% before, 60% after"
    clip = photos.nth(1).evaluate("el => getComputedStyle(el).clipPath")
    assert clip == "inset(0px 0px 0px 40%)"
    page.keyboard.press("End")
    assert slider.get_attribute("aria-valuetext") == "100% before, 0% after"

    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "false" and not slider.is_visible()
    assert_side_by_side(page, DESKTOP)
    assert page.evaluate("window.cspViolations") == []


def test_no_slider_on_a_phone_nor_without_javascript(tab, gallery):
    phone = tab(PHONE, TREATMENT)
    assert phone.locator(".comparison-toggle").count() == 3  # made, but hidden
    assert not phone.locator(".comparison-toggle").first.is_visible()
    assert_side_by_side(phone, PHONE)
    without_script = tab(DESKTOP, TREATMENT, java_script_enabled=False)
    assert without_script.locator(".comparison-toggle").count() == 0
    assert_side_by_side(without_script, DESKTOP)

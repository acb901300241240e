"""WCAG 2.2 AA in a real browser: axe-core on every demo page, the keyboard, and 320 px.

The demo clinic is imported once for the whole module (the `demo_server` fixture) and
the addresses come from its page tree, so a page added to demo/ is checked without
editing this file. Each address is a subtest of its own: a failure names the address.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from wagtail.contrib.forms.models import AbstractForm
from wagtail.models import Site

from blog.models import POSTS_PER_PAGE, BlogIndexPage, BlogPageTag
from home.models import EnquiryPage
from treatments.models import TreatmentPage

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices too: heading order, one <h1>, landmarks named and unique, all
# content inside a landmark. Not WCAG failures on their own, but what makes a page
# easy to move around with a screen reader.
AXE_TAGS = [*WCAG_22_AA, "best-practice"]
NARROW = {"width": 320, "height": 640}

# Database access without a flush after each test: every test runs in a transaction
# that is rolled back, over the demo that `demo_server` imported once for the module.
pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Visit:
    """One address to check, the status it must answer with, and the state to check it in."""

    path: str
    status: int = 200
    submit_empty_form: bool = False

    def __str__(self):
        return f"{self.path} submitted empty" if self.submit_empty_form else self.path


def demo_visits():
    """Every live page of the demo site, plus the views that are not pages."""
    site = Site.objects.get(is_default_site=True)
    pages = list(site.root_page.get_descendants(inclusive=True).live().public().specific())
    visits = [Visit(page.url) for page in pages]
    for page in pages:
        if isinstance(page, AbstractForm):
            visits.append(Visit(page.url, submit_empty_form=True))
        if isinstance(page, EnquiryPage):
            visits.append(Visit(page.url + page.reverse_subpage("thanks")))
        if isinstance(page, TreatmentPage) and page.block("aftercare") is not None:
            visits.append(Visit(page.url + page.reverse_subpage("aftercare_sheet")))
        if isinstance(page, BlogIndexPage):
            tag = (
                BlogPageTag.objects.filter(content_object__in=page.posts())
                .order_by("tag__slug")
                .values_list("tag__slug", flat=True)
                .first()
            )
            visits.append(Visit(page.url + page.reverse_subpage("tag", kwargs={"tag": tag})))
            if page.posts().count() > POSTS_PER_PAGE:
                visits.append(Visit(page.url + "?page=2"))
    visits += [Visit("/search/?q=massage"), Visit("/search/"), Visit("/no-such-page/", 404)]
    return visits


@pytest.fixture(scope="module")
def visits(demo_server):
    return demo_visits()


@pytest.fixture(scope="module")
def treatment_paths(demo_server):
    return [page.url for page in TreatmentPage.objects.live().public().order_by("path")]


def open_visit(page, visit):
    response = page.goto(visit.path)
    assert response.status == visit.status, f"{visit} answered HTTP {response.status}"
    if visit.submit_empty_form:
        form = page.locator("main form[method=post]").first
        # The browser's own "fill in this field" bubbles would stop an empty form;
        # the page the server sends back with its error messages is what is checked here.
        form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation() as navigation:
            form.locator("[type=submit]").first.click()
        assert navigation.value.status == 200, f"{visit} answered HTTP {navigation.value.status}"
        assert page.locator("main [aria-invalid=true]").count() > 0, (
            f"{visit}: no field is marked aria-invalid after an empty submission"
        )


# How failure messages name an element: its tag, id and first words. Defined in every
# page the tests open, for the scripts below.
NAME_FOR_TESTS = """window.nameForTests = (el) => {
    const words = el.innerText || el.value || el.getAttribute('aria-label') || '';
    const id = el.id ? '#' + el.id : '';
    return `${el.tagName.toLowerCase()}${id} "${words.trim().slice(0, 40)}"`;
};"""


@pytest.fixture
def visitor(chromium, demo_server):
    # axe-core goes in as an inline script, which the site's CSP rightly refuses.
    context = chromium.new_context(base_url=demo_server.url, bypass_csp=True)
    context.add_init_script(NAME_FOR_TESTS)
    yield context.new_page()
    context.close()


@pytest.fixture
def narrow(chromium, demo_server):
    context = chromium.new_context(base_url=demo_server.url, viewport=NARROW)
    context.add_init_script(NAME_FOR_TESTS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(
            f"axe-core is missing at {AXE}: run 'make test' (it runs npm ci). "
            "Browser tests are never skipped.",
            pytrace=False,
        )
    return AXE.read_text()


# --- axe-core ----------------------------------------------------------------

AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        tags: v.tags.filter((tag) => tag.startsWith("wcag") || tag === "best-practice"),
        nodes: v.nodes.map((node) => node.target.join(" ") + ": "
            + node.failureSummary.replace(/\\s+/g, " ")),
    }));
}"""


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


def describe(violations):
    lines = []
    for violation in violations:
        tags = ", ".join(violation["tags"])
        lines.append(f"{violation['id']} ({violation['impact']}; {tags}): {violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"]]
    return "\n".join(lines)


def test_demo_site_has_every_kind_of_view_to_check(visits):
    paths = [visit.path for visit in visits]
    assert len(set(paths) - {"/search/", "/search/?q=massage", "/no-such-page/"}) >= 30
    assert any(path.endswith("/aftercare/") for path in paths)
    assert any("/tag/" in path for path in paths)
    assert any(visit.submit_empty_form for visit in visits), "the demo has no enquiry form page"
    assert any(path.endswith("/thanks/") for path in paths)


def test_axe_finds_no_violations_on_any_page(visitor, visits, axe_source, subtests):
    for visit in visits:
        with subtests.test(msg=str(visit)):
            open_visit(visitor, visit)
            violations = axe_violations(visitor, axe_source)
            assert not violations, f"{visit}:\n{describe(violations)}"


# --- Keyboard ----------------------------------------------------------------

# Marks every element the Tab key should reach, in order, as data-tab-stop="0", "1", …
# and returns, for each, a description and its look before anything is focused.
MARK_TAB_STOPS = """() => {
    const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
        + 'summary, iframe, [contenteditable], [tabindex]';
    const stops = [...document.querySelectorAll(selector)].filter((el) =>
        !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]')
        && el.checkVisibility({visibilityProperty: true}));
    return stops.map((el, i) => {
        el.dataset.tabStop = i;
        const style = getComputedStyle(el);
        return {
            name: nameForTests(el),
            tabindex: el.tabIndex,
            inFooter: !!el.closest('footer'),
            outline: [style.outlineStyle, style.outlineWidth, style.outlineColor].join(' '),
            boxShadow: style.boxShadow,
        };
    });
}"""

# What the focused element looks like, and whether a visitor can see it at all; given a
# number, it first focuses that tab stop from script.
FOCUSED = """(number) => {
    if (number != null) document.querySelector(`[data-tab-stop="${number}"]`).focus();
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const onTop = document.elementFromPoint(x, y);
    return {
        stop: el.dataset.tabStop ?? null,
        name: nameForTests(el),
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        outline: [style.outlineStyle, style.outlineWidth, style.outlineColor].join(' '),
        boxShadow: style.boxShadow,
        seen: el.checkVisibility({visibilityProperty: true, opacityProperty: true})
            && box.width > 0 && box.height > 0
            && !!onTop && (onTop === el || el.contains(onTop) || onTop.contains(el)),
    };
}"""


def focus_problem(stop, focused):
    """Why the focused element fails WCAG 2.4.7 / 2.4.11, or None when it is fine."""
    if not focused["seen"]:
        return f"{focused['name']} has focus but cannot be seen"
    outline_shows = (
        focused["outlineStyle"] != "none"
        and focused["outlineWidth"] >= 2
        and focused["outline"] != stop["outline"]
        and "rgba(0, 0, 0, 0)" not in focused["outline"]
    )
    shadow_shows = focused["boxShadow"] not in ("none", stop["boxShadow"])
    if not (outline_shows or shadow_shows):
        return f"{focused['name']} shows no focus indicator (outline {focused['outline']})"
    return None


def test_skip_link_and_focus_indicators_on_every_page(visitor, visits, subtests):
    """The first Tab reaches a visible skip link that moves focus to <main>, and every
    link, button and field shows a focus indicator."""
    for visit in visits:
        with subtests.test(msg=str(visit)):
            open_visit(visitor, visit)
            stops = visitor.evaluate(MARK_TAB_STOPS)
            assert all(stop["tabindex"] == 0 for stop in stops), "a positive tabindex"
            visitor.keyboard.press("Tab")
            focused = visitor.evaluate(FOCUSED)
            if visit.submit_empty_form:
                # Focus starts on the error summary (autofocus), so the first Tab reaches
                # its first link; the skip link is checked on the form before it is sent.
                first_error = "nameForTests(document.querySelector('.error-summary a'))"
                assert focused["name"] == visitor.evaluate(first_error), focused["name"]
            else:
                assert focused["name"] == 'a "Skip to main content"', focused["name"]
            stop = stops[int(focused["stop"])]
            assert focus_problem(stop, focused) is None, focus_problem(stop, focused)
            if not visit.submit_empty_form:
                visitor.keyboard.press("Enter")
                assert visitor.evaluate("document.activeElement.id") == "main"
            # After a key press, focus moved by script shows :focus-visible as the
            # keyboard's would; that checks every stop without a key press each.
            problems = []
            for number, stop in enumerate(stops):
                focused = visitor.evaluate(FOCUSED, number)
                assert focused["focusVisible"], f"{focused['name']} did not match :focus-visible"
                if problem := focus_problem(stop, focused):
                    problems.append(problem)
            assert not problems, "\n".join(problems)


def test_tabbing_through_a_treatment_page_reaches_the_footer_without_a_trap(
    visitor, treatment_paths, subtests
):
    for path in treatment_paths:
        with subtests.test(msg=path):
            visitor.goto(path)
            stops = visitor.evaluate(MARK_TAB_STOPS)
            assert stops[-1]["inFooter"], "the page's last tab stop is not in the footer"
            reached = []
            for _ in stops:
                visitor.keyboard.press("Tab")
                focused = visitor.evaluate(FOCUSED)
                assert focused["stop"] is not None, (
                    f"after {len(reached)} stops, focus landed on {focused['name']}, "
                    "which is hidden or not meant to be a tab stop"
                )
                reached.append(int(focused["stop"]))
                problem = focus_problem(stops[reached[-1]], focused)
                assert problem is None, problem
            # Every stop once, in reading order, ending in the footer: no trap, nothing skipped.
            assert reached == list(range(len(stops))), [stops[i]["name"] for i in reached]


def test_main_menu_works_from_the_keyboard(visitor):
    visitor.goto("/")
    first_item = visitor.locator("nav[aria-label=Main] a").first
    href = first_item.get_attribute("href")
    for _ in range(10):
        visitor.keyboard.press("Tab")
        if first_item.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("ten presses of Tab did not reach the main menu")
    visitor.keyboard.press("Enter")
    visitor.wait_for_url(f"**{href}")
    current = visitor.locator("nav[aria-label=Main] a[aria-current=page]")
    assert current.get_attribute("href") == href


def test_site_search_works_from_the_keyboard(visitor):
    visitor.goto("/")
    field = visitor.locator("header").get_by_role("search").get_by_role("searchbox")
    for _ in range(20):
        visitor.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("twenty presses of Tab did not reach the search field in the header")
    visitor.keyboard.type("massage")
    visitor.keyboard.press("Enter")
    visitor.wait_for_url("**/search/?q=massage")
    result = visitor.locator("main").get_by_role("link", name="Facial massage", exact=True)
    result.focus()
    visitor.keyboard.press("Enter")
    visitor.wait_for_url("**/treatments/facial-massage/")


# --- 320 px wide -------------------------------------------------------------

# Text running past the right edge, and boxes that cut their content off.
CLIPPED = """() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        const box = el.getBoundingClientRect();
        // Visually hidden text (1 px boxes) and the skip link waiting above the page.
        if (box.width <= 1 || box.height <= 1 || box.bottom < 0) continue;
        const style = getComputedStyle(el);
        const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
        const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (text && box.right > width + 1) problems.push(`${name} runs past the right edge`);
        if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
            problems.push(`${name} cuts off or scrolls its content sideways`);
        if (['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
            problems.push(`${name} cuts off its content`);
    }
    return problems;
}"""


def test_every_page_reads_at_320px(narrow, visits, subtests):
    for visit in visits:
        with subtests.test(msg=str(visit)):
            open_visit(narrow, visit)
            assert narrow.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
            problems = narrow.evaluate(CLIPPED)
            assert not problems, "\n".join(problems)
            menu = narrow.locator("nav[aria-label=Main] a")
            assert menu.count() > 0, "no main menu"
            # On a phone the menu sits behind its button, as a person finds it: press it.
            assert not menu.first.is_visible()
            narrow.locator("summary.menu-button").click()
            for link in menu.all():
                box = link.bounding_box()
                assert link.is_visible() and 0 <= box["x"] and box["x"] + box["width"] <= 320, (
                    f"menu item {link.inner_text()!r} is out of reach at 320 px"
                )

"""Treatment page blocks: what visitors see, what editors are stopped from saving."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.settings.context_processors import settings as settings_context
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from treatments.blocks import (
    AftercareStageBlock,
    CallToActionBlock,
    HomeCareItemBlock,
    OpeningHoursBlock,
    SessionFactsBlock,
    StepBlock,
    SuitabilityBlock,
    TreatmentBodyBlock,
)
from treatments.models import ClinicSettings

BODY = TreatmentBodyBlock()
PREVIEWED = [name for name, block in BODY.child_blocks.items() if name != "image"]
WITH_HEADING = [
    name for name in PREVIEWED if "heading" in getattr(BODY.child_blocks[name], "child_blocks", {})
]
# Elements that may legitimately be empty.
VOID = {"img", "br", "hr", "source"}


def block(name):
    return BODY.child_blocks[name]


def value_of(name, overrides=None):
    """The block's preview value, as it comes back from the database, with overrides."""
    b = block(name)
    raw = b.get_prep_value(b.normalize(b.meta.preview_value))
    if overrides:
        raw = {**raw, **overrides}
    return b.to_python(raw)


def render(name, value, context=None):
    return BeautifulSoup(block(name).render(value, context), "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


def empty_elements(soup):
    return [
        el
        for el in soup.find_all(True)
        if el.name not in VOID and not el.get_text(strip=True) and not el.find(VOID)
    ]


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Clinic room", file=get_test_image_file(filename="room.png")
    )


@pytest.fixture
def clinic_settings(db):
    settings = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    settings.booking_url = "https://book.example.com/clinic?ref=site&lang=en"
    settings.save()
    return settings


# --- Every block --------------------------------------------------------------


@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_every_block_is_described_for_editors(name):
    b = block(name)
    assert b.meta.icon and b.meta.icon != "placeholder"
    assert b.label
    assert b.meta.description
    assert b.meta.template == f"treatments/blocks/{name}.html"
    get_template(b.meta.template)
    if name != "image":  # needs a real image, so it has no preview value
        assert getattr(b.meta, "preview_value", None)


@pytest.mark.parametrize("name", PREVIEWED)
def test_preview_values_are_valid_content(name):
    b = block(name)
    b.clean(value_of(name))


@pytest.mark.parametrize("name", PREVIEWED)
def test_preview_renders_accessible_html_without_script_styles_or_empty_elements(name, db):
    soup = render(name, value_of(name))
    html = str(soup)
    assert text(soup)
    assert "<script" not in html and "style=" not in html and "<section" not in html
    assert not soup.find(id=True)
    assert empty_elements(soup) == []


@pytest.mark.parametrize("name", WITH_HEADING)
def test_heading_is_a_single_h2(name, db):
    value = value_of(name, {"heading": "Our <own> heading"})
    soup = render(name, value)
    assert [text(h) for h in soup.find_all("h2")] == ["Our <own> heading"]
    assert "<own>" not in str(soup)
    assert not soup.find("h1")


def test_plain_text_is_escaped_not_trusted():
    value = value_of("benefits", {"items": ["<b>Glow</b> & calm"]})
    soup = render("benefits", value)
    assert soup.find("b") is None
    assert text(soup.find("li")) == "<b>Glow</b> & calm"


# --- What to expect -----------------------------------------------------------


def test_what_to_expect_lists_steps_in_order_with_durations():
    soup = render("what_to_expect", value_of("what_to_expect"))
    steps = soup.select("ol.steps > li")
    assert [text(li.find("h3")) for li in steps] == [
        "Consultation",
        "The treatment",
        "Aftercare advice",
    ]
    assert text(steps[0].select_one(".duration")) == "15 minutes"
    assert "skin, health and goals" in text(steps[0].find("p", class_=False))
    # The last step has no duration: no empty duration line.
    assert steps[2].select(".duration") == []


def test_what_to_expect_intro_shows_only_when_set():
    without = render("what_to_expect", value_of("what_to_expect"))
    assert without.find("h2").find_next_sibling() is without.find("ol")
    soup = render(
        "what_to_expect", value_of("what_to_expect", {"intro": "<p>Plan for an hour.</p>"})
    )
    assert text(soup.find("h2").find_next_sibling("p")) == "Plan for an hour."


# --- Session facts ------------------------------------------------------------


def facts(soup):
    dl = soup.find("dl", class_="facts")
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in dl.find_all("dt")}


def test_session_facts_use_human_labels_and_a_needle_range():
    soup = render("session_facts", value_of("session_facts"))
    assert facts(soup) == {
        "Duration": "45 minutes",
        "Needle length": "0.5–1.5 mm",
        "Sessions in a course": "3 to 6",
        "Time between sessions": "4–6 weeks",
        "Downtime": "1–3 days",
    }


def test_session_facts_show_every_field_when_filled():
    value = value_of(
        "session_facts",
        {"time_to_results": "4–6 weeks", "price_note": "From £120 a session"},
    )
    labels = list(facts(render("session_facts", value)))
    # What visitors compare first (price, time), then the course, then the detail.
    assert labels == [
        "Price",
        "Duration",
        "Sessions in a course",
        "Time between sessions",
        "Downtime",
        "Time to results",
        "Needle length",
    ]


@pytest.mark.parametrize(
    ("shortest", "longest", "shown"),
    [
        ("0.50", None, "0.5 mm"),
        (None, "1.25", "1.25 mm"),
        ("0.25", "2.00", "0.25–2 mm"),
        ("1.00", "1.00", "1 mm"),
    ],
)
def test_session_facts_needle_length_formats(shortest, longest, shown):
    b = block("session_facts")
    value = b.to_python(
        {"heading": "At a glance", "needle_length_min": shortest, "needle_length_max": longest}
    )
    assert facts(render("session_facts", value)) == {"Needle length": shown}


def test_session_facts_with_only_a_duration_render_one_row():
    value = block("session_facts").to_python({"heading": "At a glance", "duration": "1 hour"})
    soup = render("session_facts", value)
    assert len(soup.find_all("dt")) == 1
    assert len(soup.find_all("dd")) == 1
    assert facts(soup) == {"Duration": "1 hour"}
    assert empty_elements(soup) == []


def test_session_facts_with_no_facts_render_no_list():
    soup = render("session_facts", block("session_facts").to_python({"heading": "At a glance"}))
    assert soup.find("dl") is None


# --- At-home care -------------------------------------------------------------


def test_at_home_care_item_shows_routine_materials_and_cautions():
    soup = render("at_home_care", value_of("at_home_care"))
    item = soup.select_one("ul.tools > li")
    assert text(item.find("h3")) == "Gua sha"
    assert "Glide the flat edge" in text(item)
    routine = item.find("dl")
    assert {text(dt): text(dt.find_next_sibling("dd")) for dt in routine.find_all("dt")} == {
        "How often": "Three evenings a week",
        "Starting slowly": "Start once a week and build up over three weeks",
        "Each session": "5 minutes",
        "For how long": "6 weeks",
    }
    materials = item.find("h4", string="You will need").find_next_sibling("ul")
    assert [text(li) for li in materials.find_all("li")] == ["Jade — Stays cool against the skin"]
    cautions = item.find("h4", string="Take care").find_next_sibling("ul")
    assert [text(li) for li in cautions.find_all("li")] == ["Skip areas with active breakouts"]


def test_at_home_care_item_without_optional_fields_has_no_empty_parts():
    value = block("at_home_care").to_python(
        {
            "heading": "At-home care",
            "items": [
                {
                    "name": "Self-massage",
                    "description": "<p>Use your fingertips.</p>",
                    "materials": [],
                    "cautions": [],
                }
            ],
        }
    )
    soup = render("at_home_care", value)
    item = soup.select_one("ul.tools > li")
    assert text(item.find("h3")) == "Self-massage"
    assert item.find("dl") is None
    assert item.find("h4") is None
    assert item.find("ul") is None
    assert empty_elements(soup) == []


def test_material_without_a_reason_has_no_dangling_dash():
    value = block("at_home_care").to_python(
        {
            "heading": "At-home care",
            "items": [
                {
                    "name": "Roller",
                    "description": "<p>Roll upwards.</p>",
                    "materials": [{"material": "Rose quartz", "why": ""}],
                }
            ],
        }
    )
    materials = render("at_home_care", value).find("h4", string="You will need")
    assert [text(li) for li in materials.find_next_sibling("ul").find_all("li")] == ["Rose quartz"]


@pytest.mark.parametrize(
    ("struct", "lists"),
    [
        (HomeCareItemBlock, ["materials", "cautions"]),
        (AftercareStageBlock, ["dos", "donts"]),
        (SuitabilityBlock, ["suits", "not_suitable"]),
    ],
)
def test_optional_lists_start_empty(struct, lists):
    default = struct().get_default()
    assert {name: list(default[name]) for name in lists} == {name: [] for name in lists}


# --- Aftercare ----------------------------------------------------------------


def test_aftercare_timeline_has_do_and_dont_lists_per_stage():
    soup = render("aftercare", value_of("aftercare"))
    stages = soup.select("ol.timeline > li")
    assert [text(li.find("h3")) for li in stages] == ["First 24 hours", "Days 2 to 7"]
    first = stages[0].select_one(".dos-donts")
    dos = first.find("h4", string="Do").find_next_sibling("ul")
    donts = first.find("h4", string="Don’t").find_next_sibling("ul")
    assert [text(li) for li in dos.find_all("li")] == ["Rinse with lukewarm water only"]
    assert [text(li) for li in donts.find_all("li")] == ["No make-up"]


def test_aftercare_stage_with_only_dos_has_no_dont_heading():
    value = block("aftercare").to_python(
        {"heading": "Aftercare", "stages": [{"when": "Week 1", "dos": ["Moisturise"], "donts": []}]}
    )
    soup = render("aftercare", value)
    assert [text(h) for h in soup.find_all("h4")] == ["Do"]
    assert empty_elements(soup) == []


# --- Suitability --------------------------------------------------------------


def test_suitability_lists_who_it_suits_and_contraindications():
    soup = render("suitability", value_of("suitability"))
    suits = soup.find("h3", string="Who it suits").find_next_sibling("ul")
    not_for = soup.find("h3", string="Who should not have it").find_next_sibling("ul")
    assert [text(li) for li in suits.find_all("li")] == ["Fine lines", "Uneven texture"]
    assert [text(li) for li in not_for.find_all("li")] == [
        "Active skin infection",
        "Keloid-prone skin",
    ]
    assert text(soup.find_all("p")[-1]) == "Not sure? Book a consultation first."


def test_suitability_skips_empty_lists_and_prompt():
    value = value_of("suitability", {"suits": [], "consult_prompt": ""})
    soup = render("suitability", value)
    assert [text(h) for h in soup.find_all("h3")] == ["Who should not have it"]
    assert soup.find("p") is None
    assert len(soup.find_all("ul")) == 1


# --- Smaller blocks -----------------------------------------------------------


def test_benefits_and_checklist_are_lists():
    benefits = render("benefits", value_of("benefits"))
    assert [text(li) for li in benefits.select("ul > li")] == [
        "Smoother texture",
        "A brighter tone",
    ]
    checklist = render("provider_checklist", value_of("provider_checklist"))
    assert [text(li) for li in checklist.select("ul > li")] == [
        "Registered with a professional body",
        "Uses single-use needles",
    ]


def test_results_show_maintenance_only_when_set():
    soup = render("results", value_of("results"))
    assert "three sessions" in text(soup)
    assert "top-up every six months" in text(soup.find("h3").find_next_sibling("p"))
    without = render("results", value_of("results", {"maintenance": ""}))
    assert without.find("h3") is None
    assert "six months" not in text(without)


def test_faq_pairs_questions_with_answers():
    value = value_of(
        "faq",
        {
            "questions": [
                {"question": "Does it hurt?", "answer": "<p>Most feel a light tingle.</p>"},
                {"question": "Can I wear make-up?", "answer": "<p>Not for a day.</p>"},
            ]
        },
    )
    # Each question opens by itself, with or without JavaScript: a closed <details>.
    questions = render("faq", value).find("div", class_="faq").find_all("details")
    pairs = [(text(q.summary), text(q.find("div", class_="faq__answer"))) for q in questions]
    assert pairs == [
        ("Does it hurt?", "Most feel a light tingle."),
        ("Can I wear make-up?", "Not for a day."),
    ]
    assert not any(q.has_attr("open") for q in questions)
    assert questions[0].find("div", class_="faq__answer").find("p")  # answers keep paragraphs


def test_safety_callout_is_a_note_with_heading_and_text():
    aside = render("safety_callout", value_of("safety_callout")).find("aside")
    assert "callout" in aside["class"]
    assert aside["role"] == "note"
    assert text(aside.find("h2")) == "Nut allergy?"
    assert "may contain nut oils" in text(aside.find("p"))


def test_rich_text_section_renders_its_markup_in_prose():
    prose = render("rich_text", value_of("rich_text")).find("div", class_="prose")
    assert text(prose.find("h2")) == "About this treatment"
    assert text(prose.find("p")) == "A paragraph of text."


def test_quote_is_a_figure_with_attribution():
    figure = render("quote", value_of("quote")).find("figure", class_="quote")
    assert text(figure.select_one("blockquote > p")) == (
        "A broad-spectrum sunscreen every morning does more for your skin than any treatment "
        "we offer."
    )
    assert text(figure.find("figcaption")) == "— Priya Nair, lead practitioner"


def test_quote_without_attribution_has_no_caption():
    soup = render("quote", value_of("quote", {"attribution": ""}))
    assert soup.find("figcaption") is None
    assert soup.find("blockquote")


# --- Image --------------------------------------------------------------------


def image_value(image, alt_text="Treatment room with a reclining chair", decorative=False, **extra):
    b = block("image")
    raw = {"image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative}, **extra}
    return b.to_python(b.get_prep_value(b.to_python(raw)))


def test_image_renders_a_lazy_figure_with_alt_text_and_caption(image):
    value = image_value(image, caption="Our quiet treatment room")
    block("image").clean(value)
    figure = render("image", value).find("figure")
    img = figure.find("img")
    assert img["alt"] == "Treatment room with a reclining chair"
    assert img["loading"] == "lazy"
    assert int(img["width"]) <= 800
    assert img["src"]
    assert text(figure.find("figcaption")) == "Our quiet treatment room"


def test_decorative_image_has_empty_alt_and_no_caption_when_unset(image):
    value = image_value(image, alt_text="", decorative=True)
    block("image").clean(value)
    soup = render("image", value)
    img = soup.find("img")
    assert img.has_attr("alt") and img["alt"] == ""
    assert soup.find("figcaption") is None


def test_image_without_alt_text_or_decorative_flag_is_rejected(image):
    value = image_value(image, alt_text="")
    with pytest.raises(ValidationError):
        block("image").clean(value)


# --- Call to action -----------------------------------------------------------


def cta_button(soup):
    return soup.select_one("div.cta a.button")


def test_cta_uses_its_own_link_without_touching_the_database():
    # No `db` fixture: any settings lookup would fail the test.
    value = value_of("call_to_action", {"link": "https://book.example.com/?a=1&b=2"})
    soup = render("call_to_action", value)
    assert text(soup.select_one(".cta h2")) == "Ready to book?"
    button = cta_button(soup)
    assert button["href"] == "https://book.example.com/?a=1&b=2"
    assert text(button) == "Book a consultation"


def test_cta_link_wins_over_the_clinic_booking_link(clinic_settings):
    request = RequestFactory().get("/")
    value = value_of("call_to_action", {"link": "https://other.example.com/"})
    soup = render("call_to_action", value, {"request": request, **settings_context(request)})
    assert cta_button(soup)["href"] == "https://other.example.com/"


def test_cta_falls_back_to_the_clinic_booking_link(clinic_settings):
    request = RequestFactory().get("/")
    context = {"request": request, **settings_context(request)}
    soup = render("call_to_action", value_of("call_to_action"), context)
    assert cta_button(soup)["href"] == clinic_settings.booking_url


def test_cta_falls_back_to_the_booking_link_of_the_requests_site(clinic_settings, site_root):
    other_site = Site.objects.create(hostname="other.example.com", root_page=site_root)
    other = ClinicSettings.for_site(other_site)
    other.booking_url = "https://other-clinic.example.com/book"
    other.save()
    request = RequestFactory().get("/", HTTP_HOST="other.example.com")
    soup = render("call_to_action", value_of("call_to_action"), {"request": request})
    assert cta_button(soup)["href"] == other.booking_url


def test_the_api_gives_the_same_link_as_the_button(clinic_settings):
    """One rule (treatments/booking.py): the API shows where the page's button goes."""
    from treatments.api.streamfield import block_json

    request = RequestFactory().get("/")
    cta = block("call_to_action")
    fallback = block_json(cta, value_of("call_to_action"), {"request": request})
    assert fallback["link"] == clinic_settings.booking_url
    own = value_of("call_to_action", {"link": "https://other.example.com/"})
    assert block_json(cta, own, {"request": request})["link"] == "https://other.example.com/"
    clinic_settings.booking_url = ""
    clinic_settings.save()
    request = RequestFactory().get("/")  # settings are cached per request
    assert block_json(cta, value_of("call_to_action"), {"request": request})["link"] is None


def test_cta_falls_back_with_a_request_but_no_settings_in_context(clinic_settings):
    soup = render(
        "call_to_action", value_of("call_to_action"), {"request": RequestFactory().get("/")}
    )
    assert cta_button(soup)["href"] == clinic_settings.booking_url


def test_cta_falls_back_to_the_default_site_without_a_request(clinic_settings):
    soup = render("call_to_action", value_of("call_to_action"))
    assert cta_button(soup)["href"] == clinic_settings.booking_url


def test_cta_with_no_link_anywhere_has_no_button(db):
    value = value_of("call_to_action", {"text": "Questions first? Call us."})
    soup = render("call_to_action", value)
    assert soup.find("a") is None
    assert soup.find(href=True) is None
    assert text(soup.select_one(".cta p")) == "Questions first? Call us."
    assert empty_elements(soup) == []


# --- Validation ---------------------------------------------------------------


def clean(block_instance, raw):
    return block_instance.clean(block_instance.to_python(raw))


@pytest.mark.parametrize(
    "raw",
    [
        {"title": "", "description": "<p>Something happens.</p>"},
        {"title": "Consultation", "description": ""},
        {"title": "", "description": ""},
    ],
)
def test_empty_step_is_rejected(raw):
    with pytest.raises(StructBlockValidationError):
        clean(StepBlock(), raw)


def test_what_to_expect_needs_a_step():
    with pytest.raises(ValidationError):
        clean(block("what_to_expect"), {"heading": "What to expect", "steps": []})


@pytest.mark.parametrize("length", ["0.05", "3.5"])
@pytest.mark.parametrize("field", ["needle_length_min", "needle_length_max"])
def test_needle_length_outside_range_is_rejected(field, length):
    with pytest.raises(StructBlockValidationError) as error:
        clean(SessionFactsBlock(), {"heading": "At a glance", field: length})
    assert field in error.value.block_errors


@pytest.mark.parametrize("length", ["0.1", "3.0"])
def test_needle_length_limits_are_allowed(length):
    clean(
        SessionFactsBlock(),
        {"heading": "At a glance", "needle_length_min": length, "needle_length_max": length},
    )


def test_shortest_needle_longer_than_longest_is_rejected_on_the_longest():
    with pytest.raises(StructBlockValidationError) as error:
        clean(
            SessionFactsBlock(),
            {"heading": "At a glance", "needle_length_min": "2.0", "needle_length_max": "1.0"},
        )
    assert list(error.value.block_errors) == ["needle_length_max"]


def test_aftercare_stage_needs_a_do_or_a_dont():
    with pytest.raises(StructBlockValidationError) as error:
        clean(AftercareStageBlock(), {"when": "Day 1", "dos": [], "donts": []})
    assert "dos" in error.value.block_errors
    clean(AftercareStageBlock(), {"when": "Day 1", "dos": [], "donts": ["No sauna"]})


@pytest.mark.parametrize("link", ["ftp://x", "ftp://files.example.com/book", "javascript:alert(1)"])
def test_cta_link_must_be_a_web_address(link):
    with pytest.raises(StructBlockValidationError) as error:
        clean(CallToActionBlock(), {"heading": "Book", "button_label": "Book", "link": link})
    assert "link" in error.value.block_errors


@pytest.mark.parametrize("link", ["https://book.example.com", "http://book.example.com/x", ""])
def test_cta_web_link_or_none_is_accepted(link):
    cleaned = clean(CallToActionBlock(), {"heading": "Book", "button_label": "Book", "link": link})
    assert cleaned["link"] == link


@pytest.mark.parametrize(("opens", "closes"), [("17:00", "09:00"), ("09:00", "09:00")])
def test_opening_hours_must_close_after_opening(opens, closes):
    with pytest.raises(StructBlockValidationError) as error:
        clean(OpeningHoursBlock(), {"days": ["Mo"], "opens": opens, "closes": closes})
    assert "closes" in error.value.block_errors


def test_opening_hours_accept_a_normal_day():
    cleaned = clean(
        OpeningHoursBlock(), {"days": ["Mo", "Tu"], "opens": "09:00", "closes": "17:30"}
    )
    assert cleaned["closes"] == datetime.time(17, 30)


def stream(*names):
    return BODY.to_python(
        [{"type": name, "value": block(name).get_prep_value(value_of(name))} for name in names]
    )


@pytest.mark.parametrize(
    "name",
    ["session_facts", "what_to_expect", "suitability", "at_home_care", "aftercare", "results"],
)
def test_structured_sections_appear_at_most_once(name):
    with pytest.raises(StreamBlockValidationError) as error:
        BODY.clean(stream(name, "benefits", name))
    messages = [str(e.message) for e in error.value.non_block_errors.as_data()]
    assert messages == [f"{block(name).label}: The maximum number of items is 1"]


def test_a_full_treatment_body_is_valid():
    names = [*PREVIEWED, "benefits", "faq", "quote", "call_to_action", "safety_callout"]
    cleaned = BODY.clean(stream(*names))
    assert [child.block_type for child in cleaned] == names


def test_decimal_preview_value_round_trips():
    value = value_of("session_facts")
    assert value["needle_length_min"] == Decimal("0.5")
    assert value["needle_length_max"] == Decimal("1.5")

"""Settings › Clinic details: the logo, social media links and privacy page, as editors set
them in the admin or import them, and where visitors, search engines and apps meet them
(the clinic's mark, the printable aftercare sheet, the JSON-LD, the clinic content API)."""

import datetime
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from treatments.blocks import SocialLinkBlock
from treatments.models import ClinicSettings

from .factories import AFTERCARE, build_indexes, default_site, graph, make_treatment, one, soup
from .test_api import get_json, openapi_document
from .test_importing import counts, failed_import, run_import, write

pytestmark = pytest.mark.django_db

INSTAGRAM = {"network": "instagram", "url": "https://www.instagram.com/juniper", "label": ""}
THREADS = {"network": "other", "url": "https://www.threads.net/@juniper", "label": "Threads"}


def clinic_details(**fields):
    clinic = ClinicSettings.for_site(default_site())
    for name, value in fields.items():
        setattr(clinic, name, value)
    clinic.save()
    return clinic


def make_logo():
    return Image.objects.create(title="Juniper logo", file=get_test_image_file())  # 640×480


def links(*values):
    return [{"type": "link", "value": value} for value in values]


@pytest.fixture
def privacy(site_root):
    return site_root.add_child(instance=Page(title="Privacy notice", slug="privacy"))


# --- Editors: the admin -------------------------------------------------------------


def settings_form(**fields):
    return nested_form_data(
        {
            "name": "Juniper Clinic",
            "phone": "",
            "email": "",
            "address": "",
            "booking_url": "",
            "booking_provider": "link",
            "booking_widget_url": "",
            "currency": "GBP",
            "opening_hours": streamfield([]),
            "social_links": streamfield([]),
        }
        | fields
    )


def test_editors_set_the_logo_social_links_in_order_and_the_privacy_page(admin_client, privacy):
    url = f"/admin/settings/treatments/clinicsettings/{default_site().pk}/"
    logo = make_logo()
    form = settings_form(
        logo=logo.pk,
        social_links=streamfield([("link", THREADS), ("link", INSTAGRAM)]),
        privacy_page=privacy.pk,
    )
    assert admin_client.post(url, form).status_code == 302
    clinic = ClinicSettings.for_site(default_site())
    assert clinic.logo == logo and clinic.privacy_page.pk == privacy.pk
    assert [link.value["url"] for link in clinic.social_links] == [
        THREADS["url"],
        INSTAGRAM["url"],
    ]


@pytest.mark.parametrize(
    "link, message",
    [
        (THREADS | {"label": ""}, "Give the network's name"),  # which network "Other" is
        (INSTAGRAM | {"url": "javascript:alert(1)"}, "Enter a web address starting with https://"),
        (
            INSTAGRAM | {"url": "ftp://instagram.com/j"},
            "Enter a web address starting with https://",
        ),
    ],
)
def test_the_admin_refuses_a_nameless_other_network_and_a_link_that_is_not_a_web_address(
    admin_client, link, message
):
    url = f"/admin/settings/treatments/clinicsettings/{default_site().pk}/"
    response = admin_client.post(url, settings_form(social_links=streamfield([("link", link)])))
    assert response.status_code == 200  # the form again, with the error
    assert message in unescape(response.content.decode())
    assert not ClinicSettings.for_site(default_site()).social_links


def test_a_social_link_names_its_network_or_the_editors_name_for_other():
    block = SocialLinkBlock()
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python(THREADS | {"label": " "}))
    assert "Give the network's name" in str(refused.value.as_json_data())
    assert block.display_name(block.to_python(INSTAGRAM)) == "Instagram"
    assert block.display_name(block.to_python(THREADS)) == "Threads"
    html = soup_of(block.render(block.to_python(THREADS)))
    assert html.a["href"] == THREADS["url"] and html.a.get_text() == "Threads"


def soup_of(html):
    return BeautifulSoup(str(html), "html.parser")


# --- The clinic's mark ----------------------------------------------------------------


def mark(clinic, **context):
    return soup_of(
        render_to_string("treatments/includes/clinic_logo.html", {"clinic": clinic, **context})
    ).img


def test_without_a_logo_the_clinic_mark_is_the_plugins_leaf(site_root):
    clinic = clinic_details(name="Juniper Clinic")
    header = mark(clinic)
    assert header["src"].endswith("treatments/img/clinic-mark.svg")
    assert (header["width"], header["height"], header["alt"]) == ("48", "48", "Juniper Clinic")
    assert finders.find("treatments/img/clinic-mark.svg")  # the plugin's own file
    sheet = mark(clinic, size="sheet", decorative=True)
    assert (sheet["width"], sheet["height"], sheet["alt"]) == ("64", "64", "")


def test_an_uploaded_logo_is_shown_sharp_at_a_fixed_height(site_root):
    clinic = clinic_details(name="Juniper Clinic", logo=make_logo())
    header = mark(clinic)
    # A rendition twice the size shown (128×96 for a 640×480 logo), shown at 48 px tall.
    assert "/images/" in header["src"] and "max-600x96" in header["src"]
    assert (header["width"], header["height"], header["alt"]) == ("64", "48", "Juniper Clinic")
    sheet = mark(clinic, size="sheet", decorative=True)
    assert (sheet["width"], sheet["height"], sheet["alt"]) == ("85", "64", "")
    assert sheet["src"] != header["src"]


# --- The printable aftercare sheet ----------------------------------------------------


def test_the_aftercare_sheet_shows_the_clinic_and_a_print_button_that_needs_javascript(
    client, site_root
):
    treatments, _ = build_indexes(site_root)
    page = make_treatment(treatments, "Microneedling", body=[AFTERCARE])
    clinic_details(
        name="Juniper Clinic", phone="020 7946 0321", email="hello@clinic.example", logo=make_logo()
    )
    html = soup(client.get(page.url + "aftercare/"))

    top = html.select_one(".aftercare-sheet header")
    logo = top.select_one(".sheet-clinic img")
    assert "/images/" in logo["src"] and logo["alt"] == ""  # the name is printed beside it
    assert top.select_one(".sheet-clinic").get_text(strip=True) == "Juniper Clinic"
    contact = " ".join(top.select_one(".sheet-contact").get_text().split())
    assert contact == "Questions? Call 020 7946 0321 or email hello@clinic.example"

    button = top.find("button", string="Print this sheet")
    assert button["type"] == "button" and button.has_attr("hidden")  # shown by the script
    assert not button.has_attr("onclick")  # no inline code: the CSP would block it
    scripts = [script["src"] for script in html.select("script[src][defer]")]
    assert any(src.endswith("treatments/js/print-button.js") for src in scripts)
    assert "window.print()" in Path(finders.find("treatments/js/print-button.js")).read_text()
    sheets = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert any(href.endswith("treatments/css/aftercare-sheet.css") for href in sheets)


def test_the_sheet_names_what_the_clinic_has_given(client, site_root):
    treatments, _ = build_indexes(site_root)
    page = make_treatment(treatments, "Microneedling", body=[AFTERCARE])
    clinic_details(name="Juniper Clinic", email="hello@clinic.example")
    html = soup(client.get(page.url + "aftercare/"))
    assert html.select_one(".sheet-clinic img")["src"].endswith("clinic-mark.svg")
    contact = " ".join(html.select_one(".sheet-contact").get_text().split())
    assert contact == "Questions? Email hello@clinic.example"


# --- The privacy page -------------------------------------------------------------------


def test_the_privacy_page_is_offered_only_while_visitors_can_read_it(site_root, privacy):
    clinic = clinic_details(privacy_page=privacy)
    assert clinic.privacy_notice.pk == privacy.pk
    restriction = PageViewRestriction.objects.create(page=privacy, restriction_type="login")
    assert clinic.privacy_notice is None
    restriction.delete()
    Page.objects.filter(pk=privacy.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert ClinicSettings.for_site(default_site()).privacy_notice is None
    Page.objects.filter(pk=privacy.pk).update(expire_at=None, live=False)
    assert ClinicSettings.for_site(default_site()).privacy_notice is None


# --- Search engines and apps -------------------------------------------------------------


def test_the_clinics_json_ld_lists_its_profiles_as_the_same_clinic(client, site_root):
    treatments, _ = build_indexes(site_root)
    logo = make_logo()
    clinic_details(name="Juniper Clinic", logo=logo, social_links=links(INSTAGRAM, THREADS))
    clinic = one(graph(client, treatments.url), "MedicalClinic")
    assert clinic["sameAs"] == [INSTAGRAM["url"], THREADS["url"]]
    assert clinic["logo"]["url"].endswith(logo.file.url)
    assert (clinic["logo"]["width"], clinic["logo"]["height"]) == (640, 480)

    clinic_details(social_links=[], logo=None)
    assert {"sameAs", "logo"}.isdisjoint(one(graph(client, treatments.url), "MedicalClinic"))


def test_the_api_gives_the_logo_social_links_and_privacy_page(client, site_root, privacy):
    empty = get_json(client, "/api/clinic/v1/settings/clinic/")
    assert (empty["logo"], empty["social_links"], empty["privacy_page"]) == (None, [], None)

    logo = make_logo()
    clinic_details(
        name="Juniper Clinic",
        logo=logo,
        social_links=links(INSTAGRAM, THREADS),
        privacy_page=privacy,
    )
    data = get_json(client, "/api/clinic/v1/settings/clinic/")
    assert data["logo"] == {
        "url": f"http://testserver{logo.file.url}",
        "width": 640,
        "height": 480,
        "alt": "Juniper Clinic",
    }
    assert data["social_links"] == [
        {"network": "instagram", "name": "Instagram", "url": INSTAGRAM["url"]},
        {"network": "other", "name": "Threads", "url": THREADS["url"]},
    ]
    assert (data["privacy_page"]["id"], data["privacy_page"]["url"]) == (privacy.pk, "/privacy/")
    privacy.unpublish()
    assert get_json(client, "/api/clinic/v1/settings/clinic/")["privacy_page"] is None

    schemas = openapi_document()["components"]["schemas"]
    assert schemas["SocialLink"]["properties"]["network"]["enum"] == [
        "instagram", "facebook", "tiktok", "youtube", "linkedin", "x", "pinterest", "other",
    ]  # fmt: skip
    assert {"logo", "social_links", "privacy_page"} <= set(schemas["ClinicDetails"]["required"])


# --- The importer --------------------------------------------------------------------------


CLINIC = """
    ---
    type: clinic
    title: Juniper Clinic
    logo: images/logo.png
    social_links:
      - network: Instagram
        url: https://www.instagram.com/juniper
      - network: other
        url: https://www.threads.net/@juniper
        label: Threads
    privacy_page: privacy
    ---
"""


def write_logo(folder):
    path = folder / "images" / "logo.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(get_test_image_file().file.getvalue())


def test_clinic_md_sets_the_logo_social_links_and_a_privacy_page_of_the_import(site_root, tmp_path):
    write_logo(tmp_path)
    write(tmp_path, "clinic.md", CLINIC)
    # The clinic is imported after the pages, so it can name one the same run makes.
    write(tmp_path, "privacy.md", "---\ntype: condition-index\ntitle: Privacy\n---\nText.\n")
    out, _ = run_import(tmp_path, publish=True)
    clinic = ClinicSettings.for_site(default_site())
    assert clinic.logo.title == "Juniper Clinic logo" and clinic.logo.width == 640
    assert [(link.value["network"], link.value["label"]) for link in clinic.social_links] == [
        ("instagram", ""),
        ("other", "Threads"),
    ]
    assert clinic.privacy_page.url_path.endswith("/privacy/")
    assert run_import(tmp_path, publish=True)[0].endswith("2 files: 2 unchanged; 0 warning(s)\n")


def test_clinic_md_sets_the_currency_and_a_booking_widget(site_root, tmp_path):
    write(
        tmp_path,
        "clinic.md",
        "---\ntype: clinic\ntitle: J\ncurrency: eur\nbooking_provider: Cliniko\n"
        "booking_widget_url: https://juniper.cliniko.com/bookings\n---\n",
    )
    run_import(tmp_path)
    clinic = ClinicSettings.for_site(default_site())
    assert (clinic.currency, clinic.booking_provider) == ("EUR", "cliniko")
    assert clinic.booking_widget_url == "https://juniper.cliniko.com/bookings"


def test_clinic_md_names_a_page_of_the_site_by_address_and_keeps_what_it_leaves_out(
    site_root, privacy, tmp_path
):
    clinic_details(social_links=links(INSTAGRAM))
    write(tmp_path, "clinic.md", "---\ntype: clinic\ntitle: J\nprivacy_page: /privacy/\n---\n")
    run_import(tmp_path)
    clinic = ClinicSettings.for_site(default_site())
    assert clinic.privacy_page.pk == privacy.pk
    assert len(clinic.social_links) == 1  # not in the file: as the editor left them
    write(tmp_path, "clinic.md", "---\ntype: clinic\ntitle: J\nsocial_links:\n---\n")
    run_import(tmp_path)
    clinic = ClinicSettings.for_site(default_site())
    assert not clinic.social_links  # emptied on purpose
    assert clinic.privacy_page.pk == privacy.pk  # left out this time: kept


@pytest.mark.parametrize(
    "lines, message",
    [
        (
            "social_links:\n  - network: Instagram\n    url: https://x.example/j\n"
            "  - network: Myspace\n    url: https://myspace.example/j\n",
            "clinic.md:7: social link: `network` is ‘Myspace’; use one of Instagram, Facebook",
        ),
        (
            "social_links:\n  - network: Facebook\n    url: facebook.com/juniper\n",
            "clinic.md:5: social link: `url` must be a web address starting with https://",
        ),
        (
            "social_links:\n  - network: Other\n    url: https://threads.example/j\n",
            "clinic.md:5: social link: a network of Other needs `label`",
        ),
        ("social_links: https://x.example/j\n", "clinic.md:4: `social_links` must be a list"),
        ("privacy_page: /no-such-page/\n", "clinic.md:4: `privacy_page`: there is no page at"),
        ("privacy_page: nowhere\n", "clinic.md:4: `privacy_page`: no page of this import"),
        ("logo: missing.png\n", "clinic.md:4: `logo`: there is no file missing.png"),
        ("currency: pounds\n", "clinic.md:4: `currency` is ‘pounds’; use one of GBP, EUR, USD"),
        ("booking_provider: Calendly\n", "clinic.md:4: `booking_provider` is ‘Calendly’; use"),
        (
            "booking_provider: cliniko\n",
            "clinic.md:4: Enter the address of your booking page in that system",
        ),
        (
            "booking_provider: cliniko\nbooking_widget_url: https://book.example.com/j\n",
            "clinic.md:5: A Cliniko booking page's address ends in .cliniko.com",
        ),
    ],
)
def test_bad_clinic_values_name_their_line_and_import_nothing(site_root, tmp_path, lines, message):
    write(tmp_path, "clinic.md", f"---\ntype: clinic\ntitle: J\n{lines}---\n")
    write(tmp_path, "index.md", "---\ntype: treatment-index\ntitle: Treatments\n---\n")
    before = counts()
    assert message in failed_import(tmp_path)
    assert counts() == before
    assert not ClinicSettings.for_site(default_site()).social_links

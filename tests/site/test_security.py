"""Security headers, admin sign-in throttling, page passwords, spreadsheet exports and upload
limits (docs/deployment.md#security)."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from tests.treatments.factories import build_indexes, make_treatment

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


# --- Headers ---------------------------------------------------------------------------


@pytest.fixture
def treatment_page(home_page):
    treatments, _ = build_indexes(home_page)
    return make_treatment(treatments, "Microneedling")


@pytest.mark.parametrize(
    "url", ["/", "/treatments/microneedling/", "/search/?q=skin", "/no-such-page/"]
)
def test_public_pages_forbid_inline_code_and_foreign_scripts(client, treatment_page, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in client.get(url)["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/api/clinic/v1/pages/", "/admin/login/"])
def test_every_response_carries_the_browser_protections(client, treatment_page, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_the_health_check_is_plain_json_that_browsers_will_not_sniff(client, db):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_may_frame_its_own_preview_and_use_inline_styles(client, db):
    policy = directives(client.get("/admin/login/"))
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-src"] == ["'self'"]


def test_public_pages_allow_no_frames(client, treatment_page):
    assert directives(client.get("/"))["frame-src"] == ["'none'"]


def test_only_the_api_reference_page_gets_the_relaxed_policy(client, db):
    assert "'unsafe-inline'" in client.get("/api/clinic/v1/docs/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/api/clinic/v1/docsx")["Content-Security-Policy"]


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)  # fmt: skip
def test_https_responses_carry_hsts_and_http_is_redirected(client, treatment_page):
    assert client.get("/").status_code == 301
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


# --- Admin sign-in throttling --------------------------------------------------------------

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@clinic.example", "correct horse battery", is_superuser=True
    )


def sign_in(client, password, address="203.0.113.7", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_five_wrong_passwords_lock_the_address_out_even_with_the_right_one(client, editor):
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with Wagtail's error
    assert sign_in(client, "wrong").status_code == 429
    locked = sign_in(client, "correct horse battery")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.text
    assert "Try again in 15 minutes" in locked.text
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_locked_address_does_not_lock_out_the_clinic_elsewhere(client, editor):
    for _ in range(5):
        sign_in(client, "wrong", address="203.0.113.7")
    response = sign_in(client, "correct horse battery", address="198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_guessing_many_user_names_from_one_address_is_throttled_too(client, editor):
    for name in ["admin", "root", "manager", "clinic", "reception"]:
        sign_in(client, "wrong", username=name)
    assert sign_in(client, "correct horse battery").status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_signing_in_to_ones_own_account_does_not_wipe_guesses_at_another(
    client, editor, django_user_model
):
    django_user_model.objects.create_user("insider", "in@clinic.example", "insider password")
    for _ in range(4):
        sign_in(client, "guess", username="editor")
    assert sign_in(client, "insider password", username="insider").status_code == 302
    client.logout()
    sign_in(client, "guess", username="editor")
    assert sign_in(client, "correct horse battery").status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_site_manager_can_unlock_an_address(client, editor):
    from django.core.management import call_command

    for _ in range(5):
        sign_in(client, "wrong")
    call_command("axes_reset_ip", "203.0.113.7", stdout=open("/dev/null", "w"))
    assert sign_in(client, "correct horse battery").status_code == 302


# --- Page and document passwords -------------------------------------------------------


@pytest.fixture
def fresh_password_counts():
    """Wrong passwords are counted in the cache and, for outages, in memory: both outlive a
    test."""
    from django.core.cache import cache

    from home import limits

    cache.clear()
    limits.in_memory.clear()
    yield
    cache.clear()
    limits.in_memory.clear()


@pytest.fixture
def private_pages(home_page, fresh_password_counts):
    """Two pages, each with a password of its own (Wagtail's page privacy)."""
    from wagtail.models import PageViewRestriction

    from home.models import StandardPage
    from tests.treatments.factories import publish

    pages = {}
    for slug, password in [("prices", "spring sale"), ("staff", "rota 2026")]:
        page = publish(home_page, StandardPage(title=slug.title(), slug=slug))
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type="password", password=password
        )
        pages[slug] = (page, restriction)
    return pages


def enter_page_password(client, private_page, password, address="203.0.113.7"):
    page, restriction = private_page
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_five_wrong_page_passwords_lock_the_address_out_even_with_the_right_one(
    client, private_pages
):
    prices = private_pages["prices"]
    for _ in range(4):
        response = enter_page_password(client, prices, "guess")
        assert response.status_code == 200  # the form again, with Wagtail's error
        assert "The password you have entered is not correct" in response.text
    assert enter_page_password(client, prices, "guess").status_code == 429
    locked = enter_page_password(client, prices, "spring sale")
    assert locked.status_code == 429
    assert "Too many password attempts" in locked.text
    assert "Try again in 15 minutes" in locked.text
    assert "no-store" in locked["Cache-Control"]
    assert 'name="password"' in client.get("/prices/", REMOTE_ADDR="203.0.113.7").text


def test_a_page_password_lock_out_is_per_address_and_per_page(client, private_pages):
    for _ in range(5):
        enter_page_password(client, private_pages["prices"], "guess")
    # Another visitor gets in with the right password.
    other = Client()
    response = enter_page_password(other, private_pages["prices"], "spring sale", "198.51.100.20")
    assert response.status_code == 302 and response["Location"] == "/prices/"
    assert "Prices" in other.get("/prices/").text
    # The locked-out address may still open another page with its own password.
    assert enter_page_password(client, private_pages["staff"], "rota 2026").status_code == 302
    assert enter_page_password(client, private_pages["prices"], "spring sale").status_code == 429


def test_a_page_password_lock_out_ends_after_the_cool_off(client, private_pages):
    import time
    from unittest import mock

    prices = private_pages["prices"]
    for _ in range(5):
        enter_page_password(client, prices, "guess")
    fourteen_minutes, sixteen_minutes = time.time() + 14 * 60, time.time() + 16 * 60
    with mock.patch("time.time", return_value=fourteen_minutes):
        assert enter_page_password(client, prices, "spring sale").status_code == 429
    with mock.patch("time.time", return_value=sixteen_minutes):
        assert enter_page_password(client, prices, "spring sale").status_code == 302


def test_page_password_guesses_are_still_counted_while_redis_is_down(client, private_pages):
    from clinicsite import environment

    unreachable = environment.caches({"REDIS_URL": "redis://127.0.0.1:9/0"})
    with override_settings(CACHES=unreachable):
        statuses = [
            enter_page_password(client, private_pages["prices"], "guess").status_code
            for _ in range(30)
        ]
        right = enter_page_password(client, private_pages["prices"], "spring sale")
    assert statuses == [200] * 4 + [429] * 26
    assert right.status_code == 429


def test_guessing_a_document_collections_password_is_throttled_too(
    client, db, fresh_password_counts
):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Staff only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="rota 2026"
    )
    document = Document.objects.create(
        title="Rota",
        collection=collection,
        file=SimpleUploadedFile("rota.txt", b"Monday: Priya"),
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"

    def enter(password):
        data = {"password": password, "return_url": document.url}
        return client.post(url, data, REMOTE_ADDR="203.0.113.7")

    assert [enter("guess").status_code for _ in range(5)] == [200] * 4 + [429]
    assert enter("rota 2026").status_code == 429


# --- Spreadsheet exports -------------------------------------------------------------------


@pytest.mark.parametrize("report", ["aging-pages", "site-history"])
def test_wagtails_own_csv_reports_turn_formulas_into_plain_text(admin_client, home_page, report):
    """Enquiries and Reviews due are tested with their pages (tests/home/test_enquiries.py,
    tests/treatments/test_review_dates.py); Wagtail's own reports go through the same writer."""
    import csv
    import io

    from wagtail.log_actions import log

    from home.models import StandardPage
    from tests.treatments.factories import publish

    page = publish(home_page, StandardPage(title="=1+2", slug="sum"))
    log(page, "wagtail.publish")
    response = admin_client.get(f"/admin/reports/{report}/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+2" in cells
    assert "=1+2" not in cells


# --- Uploads --------------------------------------------------------------------------

SVG_WITH_SCRIPT = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def png(size=(64, 36)):
    return get_test_image_file(filename="photo.png", size=size).file.getvalue()


def upload_image(client, name, content, content_type):
    # The form asks for a collection once there are several (the results gallery's).
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_an_svg_with_script_cannot_be_uploaded_as_an_image(admin_client_):
    response = upload_image(admin_client_, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert response.status_code == 200
    assert "Not a supported image format" in response.text
    assert not Image.objects.exists()


def test_a_photo_uploads(admin_client_):
    response = upload_image(admin_client_, "face.png", png(), "image/png")
    assert response.status_code == 302
    assert Image.objects.get().title == "face.png"


@pytest.mark.parametrize(
    "limit, size, message",
    [
        ({"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 1024}, (400, 400), "Maximum filesize 1.0"),
        ({"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 100}, (40, 40), "too many pixels"),
    ],
    ids=["file-size", "pixels"],
)
def test_an_image_over_a_limit_is_refused_with_the_limit_named(admin_client_, limit, size, message):
    with override_settings(**limit):
        response = upload_image(admin_client_, "big.png", png(size), "image/png")
    assert response.status_code == 200
    assert message in response.text
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "run.js", "setup.exe"])
def test_documents_that_a_browser_would_run_cannot_be_uploaded(admin_client_, name):
    response = admin_client_.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert response.status_code == 200
    assert "Not a supported document extension" in response.text or (
        "File extension" in response.text
    )
    assert not Document.objects.exists()


@override_settings(SERVE_MEDIA=True)
def test_without_a_bucket_photos_are_served_but_documents_never_from_media(client, db):
    photo = Image.objects.create(
        title="Room", file=SimpleUploadedFile("room.png", png(), content_type="image/png")
    )
    document = Document.objects.create(
        title="Rota", file=SimpleUploadedFile("rota.docx", b"PK\x03\x04 private rota")
    )
    assert client.get(photo.file.url).status_code == 200
    assert client.get(photo.get_rendition("width-40").url).status_code == 200
    assert document.file.url.startswith("/media/documents/")
    assert client.get(document.file.url).status_code == 404


def test_with_a_bucket_the_app_serves_no_uploads(client, db):
    photo = Image.objects.create(
        title="Room", file=SimpleUploadedFile("room.png", png(), content_type="image/png")
    )
    assert client.get(photo.file.url).status_code == 404


def test_uploaded_documents_download_rather_than_open_unless_pdf_or_text(client, db):
    document = Document.objects.create(
        title="Aftercare sheet",
        file=SimpleUploadedFile("aftercare.docx", b"PK\x03\x04 not really a docx"),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Optional two-factor sign-in -------------------------------------------------------


def current_code(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def turn_on_two_factor(client, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    setup = client.get("/admin/account/two-factor/")
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in setup.text  # the QR code to scan
    # Each showing makes a new secret: one seen before (by anyone) is void.
    first_key = TOTPDevice.objects.get(user=user).key
    client.get("/admin/account/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    assert device.key != first_key
    wrong_code = {"password": "correct horse battery", "code": "000000"}
    assert client.post("/admin/account/two-factor/", wrong_code).status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed  # a wrong code turns nothing on
    device.throttle_reset()  # django-otp makes each retry after a wrong code wait longer
    no_password = {"password": "stolen session", "code": current_code(device)}
    assert client.post("/admin/account/two-factor/", no_password).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed  # a session alone is not enough
    right = {"password": "correct horse battery", "code": current_code(device)}
    response = client.post("/admin/account/two-factor/", right)
    assert response.status_code == 302
    client.logout()
    return TOTPDevice.objects.get(user=user, confirmed=True)


def test_without_two_factor_the_password_alone_signs_in(client, editor):
    assert sign_in(client, "correct horse battery").status_code == 302


def test_with_two_factor_on_the_password_alone_is_not_enough(client, editor):
    device = turn_on_two_factor(client, editor)
    without_code = sign_in(client, "correct horse battery")
    assert without_code.status_code == 200
    # The same answer as a wrong password: it does not confirm the password was right.
    refused = "password or authenticator code didn&#x27;t match"
    assert refused in without_code.text
    assert refused in sign_in(client, "wrong password").text
    assert "_auth_user_id" not in client.session

    device.refresh_from_db()
    response = client.post(
        LOGIN,
        {"username": "editor", "password": "correct horse battery", "otp_token": "123 456"},
    )
    assert response.status_code == 200  # a wrong code
    # Codes are used once (move past the one that turned it on); no wait after the wrong one.
    device.last_t = -1
    device.throttle_reset()
    response = client.post(
        LOGIN,
        {
            "username": "editor",
            "password": "correct horse battery",
            "otp_token": current_code(device),
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_guessing_codes_is_throttled_like_passwords(client, editor):
    turn_on_two_factor(client, editor)
    for guess in ["111111", "222222", "333333", "444444", "555555"]:
        client.post(
            LOGIN,
            {"username": "editor", "password": "correct horse battery", "otp_token": guess},
            REMOTE_ADDR="203.0.113.7",
        )
    assert sign_in(client, "correct horse battery").status_code == 429


def test_two_factor_can_be_turned_off_with_a_current_code(client, editor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = turn_on_two_factor(client, editor)
    client.force_login(editor)
    page = client.get("/admin/account/two-factor/")
    assert "Two-factor sign-in is <strong>on</strong>" in page.text
    device.last_t = -1
    device.save()
    code_only = {"code": current_code(device)}
    assert client.post("/admin/account/two-factor/", code_only).status_code == 200
    assert TOTPDevice.objects.filter(user=editor).exists()  # the password is needed too
    turn_off = {"password": "correct horse battery", "code": current_code(device)}
    assert client.post("/admin/account/two-factor/", turn_off).status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_account_page_offers_two_factor_sign_in(client, editor):
    client.force_login(editor)
    account = client.get("/admin/account/")
    assert "/admin/account/two-factor/" in account.text
    assert "Two-factor sign-in" in account.text


def test_the_public_policy_is_built_once_not_for_every_response(client, treatment_page):
    """django-csp builds the same header again for every response, which took a third of a
    page-cache hit's time; the site builds the public one once, for the settings in force."""
    first = client.get("/")
    with mock.patch("csp.middleware.build_policy", side_effect=AssertionError("built again")):
        for url in ["/treatments/microneedling/", "/no-such-page/", "/static/css/clinic.css"]:
            assert client.get(url)["Content-Security-Policy"] == first["Content-Security-Policy"]
    # Other settings (here a test's) give another policy at once.
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"
    # The admin's own policy is still built by django-csp.
    assert "'unsafe-inline'" in client.get("/admin/login/")["Content-Security-Policy"]

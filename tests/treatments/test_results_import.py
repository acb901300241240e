"""Importing before-and-after results: `type: consent` and `type: result` files
(docs/importing.md, "Results")."""

import datetime
import re

import pytest
from PIL import Image as Picture

from treatments.models import Practitioner
from treatments.results.models import ConsentRecord, ResultCase

from .factories import build_indexes, make_condition, make_treatment
from .test_importing import failed_import, run_import, write
from .test_results_metadata import photo_with_gps

CONSENT = """
    ---
    type: consent
    id: p-14
    reference: JN-0417
    signed: 2026-02-10
    scope: [website, print]
    expires: 2031-02-10
    ---
"""
CASE = """
    ---
    type: result
    treatment: microneedling
    conditions: [Acne scars]
    practitioner: Priya Nair
    sessions: 3
    time_between: 14 weeks
    before: before.png
    before_alt: Cheek with rolling scars
    after: after.png
    after_alt: The same cheek with shallower scars
    consent: p-14
    unretouched: true
    ---
    Shallower scars after three sessions.
"""


@pytest.fixture
def clinic(site_root):
    treatments, conditions = build_indexes(site_root)
    scars = make_condition(conditions, "Acne scars")
    Practitioner.objects.create(name="Priya Nair", slug="priya-nair")
    return make_treatment(treatments, "Microneedling", [scars]), scars


def files(folder, **changed):
    for colour, name in (("tan", "before.png"), ("wheat", "after.png")):
        Picture.new("RGB", (40, 30), colour).save(folder / name)
    texts = {"consent.md": CONSENT, "case.md": CASE, **changed}
    for name, text in texts.items():
        write(folder, name, text)


def test_a_result_and_its_consent_are_imported_and_published(clinic, tmp_path):
    treatment, scars = clinic
    files(tmp_path)
    out, _ = run_import(tmp_path, publish=True)
    assert re.search(r"created\s+\S+consent\.md", out) and re.search(r"created\s+\S+case\.md", out)
    assert "JN-0417" not in out

    record = ConsentRecord.objects.get()
    assert (record.patient_reference, record.signed_on, record.expires_on) == (
        "JN-0417",
        datetime.date(2026, 2, 10),
        datetime.date(2031, 2, 10),
    )
    assert (record.scope_website, record.scope_social, record.scope_print) == (True, False, True)
    case = ResultCase.objects.shown().get()
    assert case.consent == record and case.treatment.specific == treatment
    assert [c.pk for c in case.conditions.all()] == [scars.pk]
    assert (case.sessions, case.time_between, case.practitioner.name) == (
        3,
        "14 weeks",
        "Priya Nair",
    )
    assert case.caption == "Shallower scars after three sessions."
    assert case.before_alt == "Cheek with rolling scars" and case.photos_unretouched
    assert case.before_image.title == "Cheek with rolling scars"  # never a file name
    assert case.revisions.count() == 1

    again, _ = run_import(tmp_path, publish=True)
    assert re.search(r"unchanged\s+\S+consent\.md", again)
    assert re.search(r"unchanged\s+\S+case\.md", again)
    assert (ConsentRecord.objects.count(), ResultCase.objects.count()) == (1, 1)
    assert case.revisions.count() == 1


def test_a_changed_caption_updates_the_same_case(clinic, tmp_path):
    files(tmp_path)
    run_import(tmp_path, publish=True)
    write(tmp_path, "case.md", CASE.replace("after three", "after 3"))
    out, _ = run_import(tmp_path, publish=True)
    assert re.search(r"updated\s+\S+case\.md", out)
    case = ResultCase.objects.get()
    assert case.caption == "Shallower scars after 3 sessions." and case.revisions.count() == 2


def test_without_publish_a_result_is_a_draft_for_review_and_not_shown(clinic, tmp_path):
    files(tmp_path)
    run_import(tmp_path)
    case = ResultCase.objects.get()
    assert not case.live and not ResultCase.objects.shown().exists()


def test_publish_needs_the_review_the_result_had_as_a_treatment_page_does(clinic, tmp_path):
    files(tmp_path)
    errors = failed_import(tmp_path, publish=True, publish_unreviewed=False)
    assert re.search(r"case\.md:1: --publish would put this result live without a clinical", errors)
    assert not ResultCase.objects.exists() and not ConsentRecord.objects.exists()

    review = "\n    reviewed_by: Priya Nair\n    last_reviewed: 2026-05-12"
    reviewed = CASE.replace("unretouched: true", "unretouched: true" + review)
    write(tmp_path, "case.md", reviewed)
    run_import(tmp_path, publish=True, publish_unreviewed=False)
    assert ResultCase.objects.shown().exists()


def test_a_withdrawn_consent_imports_but_its_case_is_not_shown(clinic, tmp_path):
    files(
        tmp_path, **{"consent.md": CONSENT.replace("expires: 2031-02-10", "withdrawn: 2026-04-01")}
    )
    run_import(tmp_path, publish=True)
    assert ConsentRecord.objects.get().withdrawn_on == datetime.date(2026, 4, 1)
    assert ResultCase.objects.count() == 1 and not ResultCase.objects.shown().exists()


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "case.md",
            CASE.replace("consent: p-14", "consent: p-15"),
            r"case\.md:12: `consent`: no consent file in this import has the id ‘p-15’",
        ),
        (
            "case.md",
            CASE.replace("    unretouched: true\n", ""),
            r"case\.md:1: add `unretouched: true` to confirm",
        ),
        (
            "case.md",
            CASE.replace("unretouched: true", "unretouched: false"),
            r"case\.md:13: add `unretouched: true`",
        ),
        (
            "case.md",
            CASE.replace("sessions: 3", "sessions: three"),
            r"case\.md:6: `sessions` must be a whole number",
        ),
        (
            "case.md",
            CASE.replace("    before_alt: Cheek with rolling scars\n", ""),
            r"case\.md:8: `before` needs `before_alt`",
        ),
        (
            "case.md",
            CASE.replace("after: after.png", "after: gone.png"),
            r"case\.md:10: `after`: there is no file gone\.png",
        ),
        (
            "case.md",
            CASE.replace("treatment: microneedling", "treatment: peels"),
            r"case\.md:3: there is no treatment called ‘peels’",
        ),
        (
            "case.md",
            CASE.replace("[Acne scars]", "[Freckles]"),
            r"case\.md:4: `conditions`: there is no condition called ‘Freckles’",
        ),
        (
            "case.md",
            CASE.replace("Priya Nair", "Nobody"),
            r"case\.md:5: `practitioner`: there is no practitioner called ‘Nobody’",
        ),
        (
            "consent.md",
            CONSENT.replace("[website, print]", "[website, tv]"),
            r"consent\.md:6: `scope` has ‘tv’: use website, social or print",
        ),
        (
            "consent.md",
            CONSENT.replace("expires: 2031-02-10", "expires: 2026-01-01"),
            r"consent\.md:7: `expires`: The consent must expire after the day it was signed",
        ),
        (
            "consent.md",
            CONSENT.replace("signed: 2026-02-10", "signed: soon"),
            r"consent\.md:5: `signed` must be a date written YYYY-MM-DD",
        ),
        (
            "consent.md",
            CONSENT.replace("    reference: JN-0417\n", ""),
            r"consent\.md:1: no `reference`",
        ),
    ],
)
def test_a_bad_result_or_consent_file_names_its_line_and_nothing_is_imported(
    clinic, tmp_path, name, text, message
):
    files(tmp_path, **{name: text})
    errors = failed_import(tmp_path, publish=True)
    assert re.search(message, errors), errors
    assert "JN-0417" not in errors  # a message never repeats the patient's reference
    assert not ConsentRecord.objects.exists() and not ResultCase.objects.exists()


def test_imported_photos_are_stored_privately_without_their_location(clinic, tmp_path):
    files(tmp_path, **{"case.md": CASE.replace("before.png", "before.jpg")})
    (tmp_path / "before.jpg").write_bytes(photo_with_gps())
    run_import(tmp_path, publish=True)
    case = ResultCase.objects.get()
    assert case.before_image.collection.name == "Results"
    with case.before_image.open_file() as stored, Picture.open(stored) as picture:
        assert dict(picture.getexif()) == {} and "xmp" not in picture.info

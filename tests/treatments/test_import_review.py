"""An import never puts unreviewed clinical content or flagged wording live, and never
clears what its file does not mention (docs/importing.md, "Review and publishing").

- `--publish` stops, and writes nothing, at a treatment, condition or medical post whose
  file names no clinical review, unless `--publish-unreviewed` is given on purpose.
- The claims check reads every imported page: each phrase is a warning naming its line, and
  a flagged page stays a draft even with `--publish`.
- A file that leaves out a field (other names, hero image, preparation, procedure type, SEO
  title) keeps the page's value; a structured section the page has and the file has not is
  named in a warning before it goes.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from treatments.models import ConditionPage, Practitioner, TreatmentPage

from .factories import build_indexes, make_condition, make_treatment, soup
from .test_importing import IMAGE, counts, write


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


@pytest.fixture
def priya(db):
    return Practitioner.objects.create(name="Priya Nair", credentials="RN (NMC)")


def import_files(*paths, **options):
    """(stdout, stderr) of the command as an operator types it: no test defaults."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def refused(*paths, **options):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_content", *map(str, paths), stdout=io.StringIO(), stderr=err, **options
        )
    return err.getvalue()


TREATMENT = """\
---
type: treatment
title: Cupping
summary: Gentle suction that lifts the skin and eases tight muscles.
{extra}---

## What to expect

1. **Oil** We warm a little oil on your face.
2. **Cups** Small cups glide over the skin for twenty minutes.
"""

REVIEW = "reviewed_by: Priya Nair\nlast_reviewed: 2026-03-03\n"


# --- Publishing clinical content -------------------------------------------------------


def test_publish_stops_at_a_clinical_page_that_names_no_review(indexes, tmp_path):
    write(tmp_path, "a-facial.md", TREATMENT.format(extra="slug: facial\n"))
    write(tmp_path, "cupping.md", TREATMENT.format(extra=""))
    before = counts()
    err = refused(tmp_path, publish=True)
    assert "a-facial.md:1: --publish would put this treatment live without a clinical review" in (
        err
    )
    assert "--publish-unreviewed" in err
    assert counts() == before  # the run is all or nothing


def test_a_file_naming_its_review_is_published_with_that_review(client, indexes, priya, tmp_path):
    write(tmp_path, "cupping.md", TREATMENT.format(extra=REVIEW))
    import_files(tmp_path, publish=True)
    page = TreatmentPage.objects.get(slug="cupping")
    assert page.live
    line = soup(client.get(page.url)).select_one(".reviewed-by").get_text(" ", strip=True)
    assert line.startswith("Medically reviewed by Priya Nair")


def test_publish_unreviewed_publishes_without_a_reviewed_by_line(client, indexes, tmp_path):
    write(tmp_path, "cupping.md", TREATMENT.format(extra=""))
    import_files(tmp_path, publish=True, publish_unreviewed=True)
    page = TreatmentPage.objects.get(slug="cupping")
    assert page.live
    assert soup(client.get(page.url)).select_one(".reviewed-by") is None


def test_drafts_need_no_review_and_an_unchanged_live_page_is_no_publish(indexes, tmp_path):
    treatments, _ = indexes
    write(tmp_path, "cupping.md", TREATMENT.format(extra=""))
    out, _ = import_files(tmp_path)
    assert "(draft)" in out and not TreatmentPage.objects.get(slug="cupping").live
    # Published by a reviewer in the admin: re-importing the same file publishes nothing new.
    TreatmentPage.objects.get(slug="cupping").get_latest_revision().publish()
    out, _ = import_files(tmp_path, publish=True)
    assert "1 unchanged" in out


# --- The claims check ------------------------------------------------------------------

RISKY = """\
---
type: treatment
title: Cupping
summary: Gentle suction that lifts the skin.
{review}---

Cupping is a safe way to a fresher face.

## What to expect

1. **Cups** You won’t feel a thing, and you will see immediate results.
"""


def test_each_flagged_phrase_is_a_warning_with_its_line(indexes, priya, tmp_path):
    write(tmp_path, "cupping.md", RISKY.format(review=""))
    out, _ = import_files(tmp_path)
    assert "warning: line 7: the claims check flags “is a safe”" in out
    assert "warning: line 11: the claims check flags “won't feel”" in out
    assert "warning: line 11: the claims check flags “immediate results”" in out


def test_a_flagged_page_is_never_published_by_an_import(client, indexes, priya, tmp_path):
    write(tmp_path, "cupping.md", RISKY.format(review=REVIEW))
    out, _ = import_files(tmp_path, publish=True)
    page = TreatmentPage.objects.get(slug="cupping")
    assert not page.live
    assert "(draft)" in out
    assert "not published: the claims check flags its wording" in out
    assert client.get("/treatments/cupping/").status_code == 404


# --- What the file does not mention stays -----------------------------------------------


def test_fields_the_file_leaves_out_keep_their_values(indexes, priya, tmp_path):
    treatments, _ = indexes
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cups.jpg").write_bytes(IMAGE.read_bytes())
    write(
        tmp_path,
        "cupping.md",
        TREATMENT.format(
            extra="also_known_as: [Facial cupping, Vacuum therapy]\n"
            "procedure_type: non-invasive\npreparation: Come without make-up.\n"
            "body_location: Face\nseo_title: Facial cupping in Leeds\n"
            "image: images/cups.jpg\nimage_alt: Glass cups on a tray\n"
        ),
    )
    import_files(tmp_path)
    page = TreatmentPage.objects.get(slug="cupping").get_latest_revision_as_object()
    assert page.also_known_as == "Facial cupping, Vacuum therapy"
    hero = page.hero_image_id

    # The clinic's next export has only the text.
    write(tmp_path, "cupping.md", TREATMENT.format(extra="").replace("twenty", "fifteen"))
    out, _ = import_files(tmp_path)
    assert "1 updated" in out
    page = TreatmentPage.objects.get(slug="cupping").get_latest_revision_as_object()
    assert "fifteen minutes" in str(page.body)
    assert (
        page.also_known_as,
        page.procedure_type,
        page.preparation,
        page.body_location,
        page.seo_title,
        page.hero_image_id,
        page.hero_image_alt,
    ) == (
        "Facial cupping, Vacuum therapy",
        "NoninvasiveProcedure",
        "Come without make-up.",
        "Face",
        "Facial cupping in Leeds",
        hero,
        "Glass cups on a tray",
    )


def test_a_section_the_file_drops_is_named_before_it_goes(indexes, tmp_path):
    with_aftercare = TREATMENT.format(extra="") + (
        "\n## Aftercare\n\n### First day\n\n- Rinse with cool water\n- No make-up\n"
    )
    write(tmp_path, "cupping.md", with_aftercare)
    import_files(tmp_path)
    write(tmp_path, "cupping.md", TREATMENT.format(extra=""))
    out, _ = import_files(tmp_path)
    assert (
        "the page's “Aftercare” section is not in this file, so the import removes it and its "
        "printable sheet" in out
    )


def test_a_condition_file_without_review_keeps_the_recorded_review(indexes, priya, tmp_path):
    _, conditions = indexes
    acne = make_condition(
        conditions,
        "Acne",
        reviewed_by=priya,
        last_reviewed=datetime.date(2026, 3, 3),
    )
    write(
        tmp_path,
        "acne.md",
        "---\ntype: condition\ntitle: Acne\nsummary: Spots, blackheads and deeper lumps.\n---\n\n"
        "Acne shows up as spots.\n",
    )
    import_files(tmp_path)
    draft = ConditionPage.objects.get(pk=acne.pk).get_latest_revision_as_object()
    assert (draft.reviewed_by, draft.last_reviewed) == (priya, datetime.date(2026, 3, 3))
    # ...but the imported version is not the reviewed one, so once live it claims nothing.
    draft.get_latest_revision().publish()
    assert ConditionPage.objects.get(pk=acne.pk).medical_review is None


def test_treatments_and_practitioners_stay_as_they_were_after_a_refused_run(indexes, tmp_path):
    treatments, _ = indexes
    make_treatment(treatments, "Facial massage")
    write(tmp_path, "cupping.md", TREATMENT.format(extra=""))
    before = (counts(), Practitioner.objects.count(), list(Page.objects.values_list("live")))
    refused(tmp_path, publish=True)
    assert (counts(), Practitioner.objects.count(), list(Page.objects.values_list("live"))) == (
        before
    )

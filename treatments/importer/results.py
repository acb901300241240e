"""Before-and-after results as import files (docs/importing.md, "Results"): `type: consent`
(a patient's consent record), `type: result` (a case, naming its consent file by id) and
`type: results-index` (the results page). Registered only when `treatments.results` is
installed (__init__.py).

A consent file's patient reference is never repeated in a message: problems name the key
and the line, not the value.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from treatments.results.metadata import results_collection, without_metadata
from treatments.results.models import ConsentRecord, ResultCase, ResultsIndexPage

from ..models import ConditionIndexPage, ConditionPage
from .markdown import plain_text
from .types import Importer, IndexImporter, PageImporter, ReviewedPageImporter, is_number


class ResultsIndexImporter(IndexImporter):
    model = ResultsIndexPage


def scope_code(value):
    return str(value).strip().casefold().replace(" media", "")


class ConsentImporter(Importer):
    """A patient's consent record (Site managers' data), matched by its reference and the
    day it was signed. Result files name it by its `id` (else its file name)."""

    type_name = "consent"
    rank = 56  # after the treatments, before the results that name it
    needs_title = False
    scopes = {"website": "scope_website", "social": "scope_social", "print": "scope_print"}
    keys = {"id", "reference", "signed", "scope", "expires", "withdrawn"}
    key_of_field = {
        "patient_reference": "reference",
        "signed_on": "signed",
        "expires_on": "expires",
        "withdrawn_on": "withdrawn",
    }
    read_date = ReviewedPageImporter.review_date  # YYYY-MM-DD

    def prepare(self):
        super().prepare()
        self.key = self.text("id") or self.source.path.stem
        if not self.text("reference"):
            raise self.problem(
                "no `reference`: add the clinic's reference for the patient's file, e.g. "
                "`reference: R-2026-014` (never a name, initials or a date of birth)",
                1,
            )
        if self.get("signed") in (None, ""):
            raise self.problem("no `signed`: add the day the form was signed, e.g. 2026-03-02", 1)
        if not self.given("scope"):
            raise self.problem(
                "no `scope`: say where the patient agreed the photos may be used, e.g. "
                "`scope: [website, social, print]`",
                1,
            )
        scopes = [scope_code(name) for name in self.names("scope")]
        unknown = [name for name in scopes if name not in self.scopes]
        if unknown:
            raise self.problem(
                f"`scope` has ‘{unknown[0]}’: use website, social or print", key="scope"
            )
        self.values = {
            "patient_reference": self.text("reference"),
            "signed_on": self.read_date("signed"),
            "expires_on": self.read_date("expires"),
            "withdrawn_on": self.read_date("withdrawn"),
            **{field: code in scopes for code, field in self.scopes.items()},
        }
        for key in ("signed", "withdrawn"):
            day = self.read_date(key)
            if day and day > timezone.localdate():
                raise self.problem(f"`{key}` is in the future: give the day it happened", key=key)
        try:
            ConsentRecord(**self.values).full_clean(exclude=["form"])
        except ValidationError as error:
            raise self.field_problem(error) from None
        self.row = None

    def given(self, key):
        return key in self.front_matter

    def field_problem(self, error):
        field, messages = next(iter(error.message_dict.items()))
        key = self.key_of_field.get(field)
        return self.problem(f"`{key or 'consent'}`: {' '.join(messages)}", key=key)

    def record(self):
        """The consent record in the database, saved the first time a result asks for it."""
        if self.row is None:
            self.run.claim(self, ("consent", self.key.casefold()), f"the consent {self.key}")
            reference, day = self.values["patient_reference"], self.values["signed_on"]
            # Claimed by its file, never by the reference (which the message would show).
            self.run.claim(self, ("consent", reference.casefold(), day), "this consent record")
            self.row = ConsentRecord.objects.filter(
                patient_reference=reference, signed_on=day
            ).first()
            self.before = self.row and self.snapshot(self.row)
            self.row = self.row or ConsentRecord()
            for field, value in self.values.items():
                setattr(self.row, field, value)
            if self.snapshot(self.row) != self.before:
                self.row.full_clean(exclude=["form"])
                self.row.save()
        return self.row

    def save(self):
        self.record()
        if self.before is None:
            return "created", None
        return ("unchanged" if self.snapshot(self.row) == self.before else "updated"), None

    def snapshot(self, row):
        return [getattr(row, field) for field in self.values]


class ResultImporter(Importer):
    """A before-and-after case, matched by its consent and its before photo; saved as a
    revision, and published by `--publish` only as a treatment page would be: with the
    clinical review the file names, or with `--publish-unreviewed`."""

    type_name = "result"
    rank = 57
    needs_title = False
    keys = {
        "treatment",
        "conditions",
        "practitioner",
        "sessions",
        "time_between",
        "before",
        "before_alt",
        "after",
        "after_alt",
        "caption",
        "consent",
        "unretouched",
        "reviewed_by",
        "last_reviewed",
        "draft",
    }
    key_of_field = {
        "sessions": "sessions",
        "time_between": "time_between",
        "before_alt": "before_alt",
        "after_alt": "after_alt",
        "caption": "caption",
        "before_image": "before",
        "after_image": "after",
        "photos_unretouched": "unretouched",
    }
    required = {
        "treatment": "the treatment's title or slug, e.g. `treatment: microneedling`",
        "sessions": "how many sessions the patient had between the photos, e.g. `sessions: 3`",
        "time_between": "the time between the photos, e.g. `time_between: 12 weeks`",
        "before": "the before photo's file, e.g. `before: ../images/cheek-before.jpg`",
        "after": "the after photo's file",
        "consent": "the `id` of the patient's consent file, e.g. `consent: demo-01`",
    }
    read_date = ReviewedPageImporter.review_date
    check_claims = PageImporter.check_claims

    def prepare(self):
        super().prepare()
        for key, what in self.required.items():
            if self.get(key) in (None, ""):
                raise self.problem(f"no `{key}`: add {what}", 1)
        if self.get("unretouched") is not True:
            raise self.problem(
                "add `unretouched: true` to confirm both photos are unedited (no filters or "
                "retouching) and were taken in the same light, angle and distance",
                line=None if "unretouched" in self.front_matter else 1,
                key="unretouched",
            )
        sessions = self.get("sessions")
        if isinstance(sessions, bool) or not is_number(sessions) or int(sessions) != sessions:
            raise self.problem("`sessions` must be a whole number, e.g. 3", key="sessions")
        body = plain_text(self.body_nodes())
        if self.text("caption") and body:
            raise self.problem("the caption is given twice, in `caption` and in the body", 1)
        self.caption = self.text("caption") or body
        if not self.caption:
            raise self.problem("no caption: write it as the body, or as `caption: …`", 1)
        self.before_path = self.image_path("before", "before_alt")
        self.after_path = self.image_path("after", "after_alt")
        if self.before_path == self.after_path:
            raise self.problem("`after` is the same file as `before`", key="after")
        self.condition_names = self.names("conditions")
        self.review = self.read_review()
        self.values = {
            "sessions": int(sessions),
            "time_between": self.text("time_between"),
            "before_alt": self.text("before_alt"),
            "after_alt": self.text("after_alt"),
            "caption": self.caption,
            "photos_unretouched": True,
        }

    def read_review(self):
        """(reviewer's name, date) when the file names the clinical review it had."""
        if self.get("reviewed_by") in (None, "") and self.get("last_reviewed") in (None, ""):
            return None
        for key in ("reviewed_by", "last_reviewed"):
            if self.get(key) in (None, ""):
                raise self.problem(
                    "a review needs both `reviewed_by` and `last_reviewed`",
                    key="reviewed_by" if key == "last_reviewed" else "last_reviewed",
                )
        day = self.read_date("last_reviewed")
        if day > timezone.localdate():
            raise self.problem(
                "`last_reviewed` is in the future: give the day the review was done",
                key="last_reviewed",
            )
        return self.text("reviewed_by"), day

    def line(self, key):
        return self.source.line_of(key)

    def consent(self):
        key = self.text("consent")
        file = next(
            (
                other
                for other in self.run.importers
                if isinstance(other, ConsentImporter) and other.key.casefold() == key.casefold()
            ),
            None,
        )
        if file is None:
            raise self.problem(
                f"`consent`: no consent file in this import has the id ‘{key}’ (its `id`, or "
                "else its file name without .md): import the consent file with it",
                key="consent",
            )
        return file.record()

    def conditions(self):
        """The condition pages the file names, by title or slug: a result never makes one."""
        index = self.run.first_page(ConditionIndexPage)
        children = ConditionPage.objects.child_of(index) if index else ConditionPage.objects.none()
        found = []
        for name in self.condition_names:
            page = (
                children.filter(slug=slugify(name, allow_unicode=True)).first()
                or children.filter(title__iexact=name).first()
            )
            if page is None:
                raise self.problem(
                    f"`conditions`: there is no condition called ‘{name}’", key="conditions"
                )
            found.append(page)
        return found

    def save(self):
        consent = self.consent()
        treatment = self.run.treatment(self, self.text("treatment"), self.line("treatment"))
        conditions = self.conditions()
        practitioner = None
        if self.text("practitioner"):
            practitioner = self.run.practitioner(
                self, self.text("practitioner"), self.line("practitioner"), key="practitioner"
            )
        if self.review:
            self.run.practitioner(self, self.review[0], self.line("reviewed_by"))
        # Into the private "Results" collection, without the photos' location and camera.
        private = {"collection": results_collection(), "clean": without_metadata}
        before = self.run.image(
            self, self.before_path, self.values["before_alt"], self.line("before"), **private
        )
        after = self.run.image(
            self, self.after_path, self.values["after_alt"], self.line("after"), **private
        )
        self.run.claim(self, ("result", consent.pk, before.pk), "the result with this before photo")

        existing = ResultCase.objects.filter(consent=consent, before_image=before).first()
        case = existing.get_latest_revision_as_object() if existing else ResultCase()
        snapshot = existing and self.snapshot(case)
        for field, value in self.values.items():
            setattr(case, field, value)
        case.treatment, case.consent, case.practitioner = treatment, consent, practitioner
        case.before_image, case.after_image = before, after
        case.conditions = conditions
        try:
            case.full_clean()
        except ValidationError as error:
            raise self.field_problem(error) from None

        wanted = self.run.publish and self.get("draft") is not True
        flagged = self.check_claims(case)
        if existing and self.snapshot(case) == snapshot:
            if wanted and (not existing.live or existing.has_unpublished_changes):
                if self.may_publish(flagged):
                    existing.get_latest_revision().publish()
                    return "published", None
            return "unchanged", None
        publish = wanted and self.may_publish(flagged)
        if existing is None:
            case.live = False
            case.save()
        revision = case.save_revision(log_action=True)
        if publish:
            revision.publish()
        return ("created" if existing is None else "updated"), None

    def may_publish(self, flagged):
        """As for a treatment page (PageImporter.may_publish): flagged wording never goes
        live by an import; a case goes live only with the review the file names, or with
        --publish-unreviewed given on purpose."""
        if flagged:
            self.warn(
                "not published: the claims check flags its wording, so a clinical reviewer "
                "must approve it in the admin"
            )
            return False
        if self.review is None and not self.run.publish_unreviewed:
            raise self.problem(
                "--publish would put this result live without a clinical review: import it "
                "as a draft (leave out --publish) for a clinical reviewer to approve, add the "
                "review it had (`reviewed_by`, `last_reviewed`), or pass --publish-unreviewed "
                "if you are sure",
                1,
            )
        return True

    def field_problem(self, error):
        field, messages = next(iter(error.message_dict.items()))
        key = self.key_of_field.get(field)
        return self.problem(f"`{key or 'result'}`: {' '.join(messages)}", key=key)

    def snapshot(self, case):
        return [getattr(case, field) for field in self.values] + [
            case.treatment_id,
            case.consent_id,
            case.practitioner_id,
            case.before_image_id,
            case.after_image_id,
            sorted(condition.pk for condition in case.conditions.all()),
        ]

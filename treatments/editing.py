"""Two people editing one page: the later save must not quietly replace the earlier one.

Wagtail's edit form carries the revision it was opened on (`loaded_revision_id`,
`loaded_revision_created_at`). Wagtail 8 saves the form in the background as the editor
types (autosave): the first autosave makes a revision, later ones overwrite it, and each
is refused when someone else saved a newer version. An ordinary "Save draft", "Submit" or
"Publish" is not checked by Wagtail; this form check refuses one based on an older version,
keeping the typed changes in the form. The form then carries the newer version, so saving
again replaces it knowingly (both versions stay in the page's history). See
docs/editorial.md.

The editor's own autosaves are not "a newer version": the editor script
(static/treatments/admin/autosaved-revision.js) copies the revision each autosave made into
the form's `overwrite_revision_id` field, the name Wagtail's autosave requests use, so a
save after an autosave is compared with that revision, not with the one the form was
opened on. When Wagtail's editing sessions have already warned the editor ("… saved a new
version") and they chose to go on, the script sends that version as `confirmed_revision_id`:
they replace it knowingly, so they are not asked twice.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Revision

from . import claims
from .permissions import can_publish_clinical_content


def is_out_of_date(data, latest_revision, user=None):
    """Whether form `data` was based on a version older than `latest_revision`.

    Wagtail's own test for autosaves (EditView.is_out_of_date), plus: a form naming an
    autosaved revision must name the latest one, and that revision must be `user`'s (an
    autosave is always its editor's own); a form confirming the latest revision (after
    Wagtail's warning) is up to date.
    """
    if latest_revision is None:
        return False
    if data.get("confirmed_revision_id") == str(latest_revision.pk):
        return False  # the editor was warned about this very version and chose to go on
    if overwrite_revision_id := data.get("overwrite_revision_id"):
        return overwrite_revision_id != str(latest_revision.pk) or (
            user is not None and latest_revision.user_id != user.pk
        )
    if loaded_revision_id := data.get("loaded_revision_id"):
        return loaded_revision_id != str(latest_revision.pk) or (
            data.get("loaded_revision_created_at", "") != latest_revision.created_at.isoformat()
        )
    return False  # not from the edit form (a script, a test): nothing to compare with


def conflict_message(revision, user):
    when = format_date(timezone.localtime(revision.created_at), "j F Y, H:i")
    if revision.user_id and user is not None and revision.user_id == user.pk:
        who = "You saved a newer version of this page (in another window or tab)"
    else:
        author = revision.user
        name = (author.get_full_name() or author.get_username()) if author else "Someone"
        who = f"{name} saved a newer version of this page"
    return (
        f"{who} on {when}, after you opened it. Your changes are not saved yet and are still "
        "in the form. Save again to replace that version with yours (it stays in the page "
        "history, where you can compare the two), or reload the page to start from it."
    )


class EditConflictCheckMixin:
    """A page form mixin: refuses a save based on an older version than the latest one."""

    def clean(self):
        cleaned_data = super().clean()
        page = self.instance
        if page.pk and page.latest_revision_id:
            latest = (
                Revision.objects.filter(pk=page.latest_revision_id).select_related("user").first()
            )
            if is_out_of_date(self.data, latest, self.for_user):
                self.add_error(
                    None, ValidationError(conflict_message(latest, self.for_user), code="conflict")
                )
        return cleaned_data


class ClinicCopyForm(CopyForm):
    """Wagtail's "Copy" form, with the clinic's publishing rules (a page's `copy_form_class`).

    A copy made live at once ("Publish copies") is a publish: without clinical rights, a
    copy of medical content (the page or, with its subpages, any page below it) is made as
    a draft to go through review, and a copy whose new title, slug or text the claims check
    flags cannot be published.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_publish_clinical = can_publish_clinical_content(self.user)
        if "publish_copies" in self.fields and not self.may_publish_clinical:
            if self.copies_need_review(include_subpages=True):
                del self.fields["publish_copies"]

    def pages_copied(self, include_subpages):
        if include_subpages:
            return [page.specific for page in self.page.get_descendants(inclusive=True)]
        return [self.page.specific]

    def copies_need_review(self, include_subpages):
        return any(
            getattr(page, "needs_clinical_review", None) and page.needs_clinical_review()
            for page in self.pages_copied(include_subpages)
        )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("publish_copies") or self.may_publish_clinical:
            return cleaned_data
        subpages = bool(cleaned_data.get("copy_subpages"))
        if self.copies_need_review(subpages):
            self.add_error(
                "publish_copies",
                "Treatments, conditions and medical posts are published by a clinical "
                "reviewer: untick “Publish copies” to make a draft, then submit it for review.",
            )
            return cleaned_data
        copy, *others = self.pages_copied(subpages)
        copy.title = cleaned_data.get("new_title") or copy.title
        findings = claims.page_findings(copy)
        slug = cleaned_data.get("new_slug") or ""
        findings += claims.find_phrases([("Slug", slug)], claims.risky_phrases())
        for page in others:
            findings += claims.page_findings(page)
        if findings:
            self.add_error(
                "publish_copies",
                claims.refusal(findings) + " Untick “Publish copies” to make a draft, or "
                "change the wording.",
            )
        return cleaned_data

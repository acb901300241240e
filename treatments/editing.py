"""Editing clinic pages in the admin: the rules optional apps plug into, and conflicts.

Extension points. The content pages say what they are (`ClinicPageMixin`: medical content
or not, a section of the site or not); optional apps such as `treatments.review` decide what
that means for editing through these Wagtail hooks, so the content model imports none of
them (docs/architecture.md):

- "treatments_page_permission_tester": fn(page, user) -> a PagePermissionTester or None;
- "treatments_page_workflow": fn(page) -> the workflow for a page with none assigned, or None;
- "treatments_check_page_form": fn(form) adds errors to a clinic page's admin form;
- "treatments_check_copy_form": fn(form) adds errors to the "Copy" form of a clinic page;
- "treatments_serve_preview": fn(page, request, mode_name) -> a response for the admin's
  preview (e.g. a headless front end's), or None for Wagtail's own;
- "treatments_check_wording": fn(page) -> [(phrase, where, compiled pattern)] for wording a
  clinician must approve (the importer warns about it and never publishes such a page).

Two people editing one page: the later save must not quietly replace the earlier one.

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
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Revision

from .routing import ServedPageMixin

PERMISSION_TESTER_HOOK = "treatments_page_permission_tester"
WORKFLOW_HOOK = "treatments_page_workflow"
PAGE_FORM_CHECK_HOOK = "treatments_check_page_form"
COPY_FORM_CHECK_HOOK = "treatments_check_copy_form"
PREVIEW_HOOK = "treatments_serve_preview"
WORDING_CHECK_HOOK = "treatments_check_wording"


def first_answer(hook_name, *args):
    """The first non-None answer of a hook's functions, or None."""
    for fn in hooks.get_hooks(hook_name):
        answer = fn(*args)
        if answer is not None:
            return answer
    return None


class ClinicPageMixin(ServedPageMixin):
    """A clinic page, and what it is for the editing rules (put it before `Page`); it is
    served in few queries (routing.py).

    Without optional apps, Wagtail's own rights and workflows apply unchanged.
    """

    # The home page or a section list: its pages are the site's structure.
    is_site_section = False
    # A list whose subpages are medical content (treatments, conditions).
    lists_clinical_content = False
    # A permission also needed to delete or move the page, e.g. "treatments.delete_treatmentpage".
    delete_permission = None

    def needs_clinical_review(self, include_saved=False):
        """Whether this version is medical content that a clinician must sign off;
        `include_saved` adds its live version and latest draft (for pages where only some
        versions are, such as a post marked as medical)."""
        return False

    def permissions_for_user(self, user):
        return first_answer(PERMISSION_TESTER_HOOK, self, user) or super().permissions_for_user(
            user
        )

    def assigned_workflow(self):
        """The workflow assigned in Settings › Workflows to this page or a page above it."""
        return super().get_workflow()

    def get_workflow(self):
        return self.assigned_workflow() or first_answer(WORKFLOW_HOOK, self)

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def serve_preview(self, request, mode_name):
        return first_answer(PREVIEW_HOOK, self, request, mode_name) or super().serve_preview(
            request, mode_name
        )


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
    """Wagtail's "Copy" form, with the pages' own publishing rights (every clinic page
    type's `copy_form_class`).

    A copy made live at once ("Publish copies") is a publish, so it is offered only when
    the user may publish every page copied (their permission testers say; under
    `treatments.review`, copies of medical content by editors become drafts to review).
    Optional apps check the rest ("treatments_check_copy_form").
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "publish_copies" in self.fields:
            copied = self.page.get_descendants(inclusive=True).specific()
            if not all(page.permissions_for_user(self.user).can_publish() for page in copied):
                del self.fields["publish_copies"]

    def pages_copied(self):
        """The pages this copy makes, as they are now (subpages only if asked for)."""
        if self.cleaned_data.get("copy_subpages"):
            return list(self.page.get_descendants(inclusive=True).specific())
        return [self.page.specific]

    def clean(self):
        cleaned_data = super().clean()
        for check in hooks.get_hooks(COPY_FORM_CHECK_HOOK):
            check(self)
        return cleaned_data


class ClinicPageForm(EditConflictCheckMixin, WagtailAdminPageForm):
    """The admin form of every clinic page type: a hero photo needs its alt text, a save
    based on an outdated version is refused, and optional apps add their checks
    ("treatments_check_page_form")."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hero_image") and not (cleaned.get("hero_image_alt") or "").strip():
            self.add_error(
                "hero_image_alt", "Describe the hero image for visitors who cannot see it."
            )
        for check in hooks.get_hooks(PAGE_FORM_CHECK_HOOK):
            check(self)
        return cleaned

"""Two people editing one page: the later save must not quietly replace the earlier one.

Wagtail's edit form carries the revision it was opened on (`loaded_revision_id`,
`loaded_revision_created_at`, or `overwrite_revision_id` once autosave has saved it). Wagtail
refuses an out-of-date autosave and warns in the browser while both people have the page
open (editing sessions), but accepts an ordinary "Save draft" or "Publish" based on an
older version. This form check refuses that too, keeping the typed changes in the form;
the form then carries the newer version, so saving again replaces it knowingly (both
versions stay in the page's history). See docs/editorial.md.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.models import Revision


def is_out_of_date(data, latest_revision):
    """Whether form `data` was based on a version older than `latest_revision`.

    The same test Wagtail's edit view applies to autosaves (EditView.is_out_of_date).
    """
    if latest_revision is None:
        return False
    if overwrite_revision_id := data.get("overwrite_revision_id"):
        return overwrite_revision_id != str(latest_revision.pk)
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
            if is_out_of_date(self.data, latest):
                self.add_error(
                    None, ValidationError(conflict_message(latest, self.for_user), code="conflict")
                )
        return cleaned_data

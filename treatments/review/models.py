"""The clinical review's own data: the claims check's phrases and the workflow task.

Both tables were created by the `treatments` app and keep their names
(migrations/0001_from_treatments.py moves them here without touching their rows).
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import GroupApprovalTask, Page

from treatments.models import (
    ClinicalReviewMixin,
    Practitioner,
    mark_as_reviewed,
    twelve_months_after,
)

# --- Claims check --------------------------------------------------------------

DEFAULT_RISKY_PHRASES = [
    "guaranteed",
    "permanent",
    "cure",
    "cures",
    "painless",
    "risk-free",
    "no side effects",
    "FDA-approved",
    "miracle",
    # Found on real clinic pages (docs/claims-check.md): safety and speed promises, and
    # comparisons with a prescription-only medicine, which UK rules forbid advertising.
    "is safe",
    "is a safe",
    "generally safe",
    "completely safe",
    "totally safe",
    "100% safe",
    "won't feel",
    "immediate results",
    "instant results",
    "botox",
    "detox",
    "detoxify",
    "detoxifies",
    "detoxification",
]


@register_setting(icon="warning")
class ClaimsCheckSettings(BaseGenericSetting):
    """The wording the claims check warns about before a page is submitted or published."""

    risky_phrases = models.TextField(
        default="\n".join(DEFAULT_RISKY_PHRASES),
        blank=True,
        help_text="One word or phrase per line. Pages using any of them get a warning, and only "
        "a clinical reviewer can publish them. Capitals do not matter.",
    )

    panels = [FieldPanel("risky_phrases")]

    class Meta:
        verbose_name = "claims check"
        db_table = "treatments_claimschecksettings"

    @property
    def phrases(self):
        return [line.strip() for line in self.risky_phrases.splitlines() if line.strip()]


# --- Clinical review workflow ----------------------------------------------------


class ClinicalReviewTask(GroupApprovalTask):
    """A workflow step where a clinical reviewer approves medical content.

    Approving records the reviewer and the review dates on the page (docs/editorial.md).
    """

    class Meta:
        verbose_name = "clinical review task"
        db_table = "treatments_clinicalreviewtask"

    def get_actions(self, obj, user):
        """Wagtail's actions, without approving a page for a reviewer who is not a
        practitioner: the approval names the practitioner (`record_review`). Snippets (such
        as result cases) record no reviewer."""
        actions = super().get_actions(obj, user)
        if isinstance(obj, Page) and approver_practitioner(user) is None:
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":  # also "Approve with comment"
            page = task_state.workflow_state.content_object
            # The revision Wagtail publishes when the workflow finishes: the reviewer's
            # details go into it, so the published page carries them. Snippets have none.
            revision = page.get_latest_revision()
            if (
                revision is not None
                and isinstance(page, Page)
                and issubclass(page.specific_class, ClinicalReviewMixin)
            ):
                record_review(page, revision, user)
        super().on_action(task_state, user, action_name, **kwargs)


NOT_A_PRACTITIONER = (
    "To approve pages, your login must be linked to your entry under Practitioners, so that "
    "visitors see who reviewed the page. Ask a site manager to open Practitioners, choose "
    "your name and set “Admin login” to your login; then open this page again."
)


def approver_practitioner(user):
    """The practitioner whose login is `user`, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Practitioner.objects.filter(user=user).first()


def record_review(page, revision, user):
    """Write an approval by `user` into `revision` of `page` (the revision about to be
    published).

    The reviewer is the approving user's practitioner record (approving needs one); the
    next review is due in 12 months, unless a reviewer chose another future date during
    this review (one that differs from the published version's).
    """
    practitioner = approver_practitioner(user)
    if practitioner is None:
        raise PermissionDenied(NOT_A_PRACTITIONER)
    today = timezone.localdate()
    content = revision.content
    content["reviewed_by"] = practitioner.pk
    content["last_reviewed"] = today.isoformat()
    chosen = content.get("next_review_due")
    published = page.live_revision.content.get("next_review_due") if page.live_revision else None
    if not (chosen and chosen != published and date.fromisoformat(chosen) > today):
        content["next_review_due"] = twelve_months_after(today).isoformat()
    mark_as_reviewed(revision)

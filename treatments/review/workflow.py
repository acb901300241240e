"""What happens when a workflow's last task is approved: publish, unless the claims check
flags the page (or snippet) and the approver may not publish flagged wording
(treatments/review/claims.py).

A site turns it on in its settings:

    WAGTAIL_FINISH_WORKFLOW_ACTION = "treatments.review.workflow.publish_approved"

Wagtail imports this function while it loads its own models, so this module imports
nothing from Wagtail or the plugin until the function runs.
"""


def publish_approved(workflow_state, user=None):
    from django.core.exceptions import PermissionDenied
    from wagtail.workflows import publish_workflow_state

    from .claims import page_findings, refusal
    from .permissions import can_publish_clinical_content

    # A page or a snippet going through a workflow (e.g. a result case).
    content = workflow_state.content_object
    if user is not None and not can_publish_clinical_content(user):
        findings = page_findings(content.get_latest_revision_as_object())
        if findings:
            # Raised inside the approval's transaction: the task stays in review.
            raise PermissionDenied(refusal(findings))
    publish_workflow_state(workflow_state, user=user)

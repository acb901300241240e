"""How clinical review changes the admin: the content pages' extension points
(treatments/editing.py), the claims check wherever a page can be published, refusals of
publish requests without the right, the approval's practitioner, Reports › Reviews due."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from rest_framework.exceptions import PermissionDenied as APIPermissionDenied
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from treatments.editing import (
    COPY_FORM_CHECK_HOOK,
    PAGE_FORM_CHECK_HOOK,
    PERMISSION_TESTER_HOOK,
    WORDING_CHECK_HOOK,
    WORKFLOW_HOOK,
)

from . import claims
from .models import NOT_A_PRACTITIONER, ClinicalReviewTask, approver_practitioner
from .permissions import (
    can_manage_site_sections,
    can_publish_clinical_content,
    tester_for,
    workflow_for,
)
from .reports import ReviewsDueView

# --- The content pages' extension points ---------------------------------------------

hooks.register(PERMISSION_TESTER_HOOK, tester_for)
hooks.register(WORKFLOW_HOOK, workflow_for)


@hooks.register(PAGE_FORM_CHECK_HOOK)
def only_clinical_reviewers_publish_flagged_wording(form):
    """Saving a draft and submitting for review still work, with a warning."""
    if error := claims.publish_error(form):
        form.add_error(None, error)


@hooks.register(PAGE_FORM_CHECK_HOOK)
def only_site_managers_schedule_a_section_to_expire(form):
    """An expiry date takes a section (and every page below it) off the site."""
    if (
        getattr(form.instance, "is_site_section", False)
        and form.cleaned_data.get("expire_at")
        and "expire_at" in form.changed_data
        and form.for_user is not None
        and not can_manage_site_sections(form.for_user)
    ):
        form.add_error(
            "expire_at",
            "Only site managers can set an expiry date on this page: when it expires, "
            "every page listed under it goes offline too.",
        )


@hooks.register(WORDING_CHECK_HOOK)
def risky_wording(page):
    """For imports: each phrase the claims check finds, where, and how to find its line."""
    return [
        (finding.phrase, finding.where, claims.phrase_pattern(finding.phrase))
        for finding in claims.page_findings(page)
    ]


@hooks.register(COPY_FORM_CHECK_HOOK)
def copies_published_at_once_pass_the_claims_check(form):
    """The new title and slug, and the text of every page copied."""
    if not form.cleaned_data.get("publish_copies") or can_publish_clinical_content(form.user):
        return
    copy, *others = form.pages_copied()
    copy.title = form.cleaned_data.get("new_title") or copy.title
    findings = claims.page_findings(copy)
    slug = form.cleaned_data.get("new_slug") or ""
    findings += claims.find_phrases([("Slug", slug)], claims.risky_phrases())
    for page in others:
        findings += claims.page_findings(page)
    if findings:
        form.add_error(
            "publish_copies",
            claims.refusal(findings) + " Untick “Publish copies” to make a draft, or "
            "change the wording.",
        )


# --- Approving needs a practitioner (models.ClinicalReviewTask) ------------------------


@hooks.register("before_edit_page")
def tell_a_reviewer_without_a_practitioner_entry(request, page):
    """A reviewer whose login has no practitioner entry is not offered "Approve": say why."""
    if request.method != "GET":
        return
    task = page.current_workflow_task
    if (
        isinstance(task, ClinicalReviewTask)
        and task.user_can_access_editor(page, request.user)
        and approver_practitioner(request.user) is None
    ):
        messages.warning(request, NOT_A_PRACTITIONER)


# --- Reports › Reviews due (reports.py, docs/review-dates.md) --------------------------


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ReviewsDueView.any_permission_required
        )


@hooks.register("register_admin_urls")
def register_reviews_due_urls():
    return [
        path("reviews-due/", ReviewsDueView.as_view(), name="treatments_reviews_due"),
        path(
            "reviews-due/results/",
            ReviewsDueView.as_view(results_only=True),
            name="treatments_reviews_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        "Reviews due",
        reverse("treatments_reviews_due"),
        name="reviews-due",
        icon_name="date",
        order=1150,  # after Wagtail's "Aging pages"
    )


# --- Claims check (claims.py, docs/claims-check.md) ------------------------------------

# After these actions Wagtail leaves the edit page. After a plain save it shows the edit
# page again, which gives the warning itself.
ACTIONS_LEAVING_THE_EDITOR = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)


@hooks.register("before_edit_page")
def warn_about_claims_on_the_edit_page(request, page):
    if request.method == "GET":
        claims.warn(request, page)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_claims_after_saving(request, page):
    if any(request.POST.get(action) for action in ACTIONS_LEAVING_THE_EDITOR):
        claims.warn(request, page.get_latest_revision_as_object())


@hooks.register("before_bulk_action")
def stop_bulk_publishing_flagged_pages(request, action_type, objects, action_view):
    if action_type != "publish" or can_publish_clinical_content(request.user):
        return None
    with_drafts = action_view.cleaned_form.cleaned_data.get("include_descendants", False)
    flagged = claims.flagged_pages(objects, with_drafts)
    if not flagged:
        return None
    messages.error(
        request,
        "Nothing was published. Only a clinical reviewer can publish pages with wording the "
        "claims check flags: "
        + "; ".join(f"“{page.title}”: {claims.describe(found)}" for page, found in flagged),
    )
    return redirect(action_view.next_url)


class ClaimsCheckedPublishAPIAction(PublishPageAPIAction):
    def execute(self, instance, data):
        if not can_publish_clinical_content(self.request.user):
            findings = claims.page_findings(instance.get_latest_revision_as_object())
            if findings:
                raise APIPermissionDenied(claims.refusal(findings))
        return super().execute(instance, data)


class ClaimsCheckedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "publish": ClaimsCheckedPublishAPIAction}


@hooks.register("construct_admin_api")
def check_claims_when_publishing_through_the_admin_api(router):
    router.register_endpoint("pages", ClaimsCheckedPagesAdminAPIViewSet)


# --- Publishing rights (permissions.py, docs/editorial.md) ----------------------------
# Wagtail hides "Publish" from people who may not publish, but a publish request sent
# anyway is quietly saved as a draft. Refuse it plainly instead, with nothing saved.


def publish_refused(request, page, back_to, back_url):
    if getattr(page, "needs_clinical_review", None) and page.needs_clinical_review(True):
        reason = (
            "Treatments, conditions and medical posts are published by a clinical reviewer. "
            "Nothing was saved or published: go back, save your changes as a draft and "
            "submit the page to Clinical review."
        )
    else:
        reason = "You may not publish this page. Nothing was saved or published."
    return TemplateResponse(
        request,
        "treatments_review/publish_refused.html",
        {
            "page_title": "Not published",
            "header_icon": "warning",
            "reason": reason,
            "back_url": back_url,
            "title": back_to.get_admin_display_title(),
        },
        status=403,
    )


def is_publish_request(request):
    return request.method == "POST" and bool(request.POST.get("action-publish"))


@hooks.register("before_edit_page")
def refuse_publish_without_rights(request, page):
    if is_publish_request(request) and not page.permissions_for_user(request.user).can_publish():
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        return publish_refused(request, page, back_to=page, back_url=edit_url)


@hooks.register("before_create_page")
def refuse_create_and_publish_without_rights(request, parent_page, page_class):
    rights = parent_page.permissions_for_user(request.user)
    if is_publish_request(request) and not rights.can_publish_subpage():
        list_url = reverse("wagtailadmin_explore", args=[parent_page.pk])
        return publish_refused(request, page_class(), back_to=parent_page, back_url=list_url)

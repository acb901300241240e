from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from rest_framework.exceptions import PermissionDenied as APIPermissionDenied
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import claims
from .models import (
    NOT_A_PRACTITIONER,
    ClinicalReviewTask,
    Practitioner,
    approver_practitioner,
)
from .permissions import can_publish_clinical_content
from .reports import ReviewsDueView


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "role", "credentials"]
    search_fields = ["name"]


register_snippet(PractitionerViewSet)


# --- Saving after an autosave (treatments/editing.py) ------------------------------------


@hooks.register("insert_editor_js")
def keep_the_autosaved_revision_in_the_form():
    script = static("treatments/admin/autosaved-revision.js")
    return format_html('<script src="{}"></script>', script)


# --- Approving needs a practitioner (models.ClinicalReviewTask) -------------------------


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


# --- Reports › Reviews due (treatments/reports.py, docs/review-dates.md) ----------------


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


# --- Claims check (treatments/claims.py, docs/claims-check.md) --------------------------

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


# --- Publishing rights (treatments/permissions.py, docs/editorial.md) -------------------
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
        "treatments/admin/publish_refused.html",
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

"""The admin dashboard for each role (docs/editorial.md, "The dashboard").

Wagtail's own panels stay as they are ("Awaiting your review", "Your pages and snippets in a
workflow", "Your most recent edits", "Your locked pages"). `dashboard_panels` adds these,
chosen by what the user may do, never by the name of their group:

- people who write pages that someone else publishes (they may add or edit pages but not
  publish clinical content: marketing editors): quick actions and their drafts;
- people who may publish clinical content (clinical reviewers, site managers): reviews due;
- people who may read enquiries (site managers): the enquiries of the last seven days.

Superusers get every panel. Each panel runs a fixed number of queries, whatever the number
of rows.
"""

import datetime

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page, WorkflowState, get_default_page_content_type
from wagtail.permission_policies.pages import PagePermissionPolicy

from blog.models import BlogIndexPage, BlogPage
from treatments.models import (
    PUBLISH_CLINICAL_CONTENT,
    ConditionIndexPage,
    ConditionPage,
    TreatmentIndexPage,
    TreatmentPage,
)
from treatments.review.reports import DUE_SOON_DAYS, ReviewsDueView, pages_to_review

from .models import ENQUIRY_READER_PERMISSION

DRAFTS_SHOWN = 10
REVIEWS_SHOWN = 5
ENQUIRY_DAYS = 7

# (label, the list page to add under, the page type added, icon)
QUICK_ACTIONS = [
    ("Add a treatment", TreatmentIndexPage, TreatmentPage, "plus"),
    ("Add a condition", ConditionIndexPage, ConditionPage, "plus"),
    ("Write a journal post", BlogIndexPage, BlogPage, "edit"),
]


# --- Who sees what -------------------------------------------------------------------


def publishes_clinical_content(user):
    return user.is_superuser or user.has_perm(PUBLISH_CLINICAL_CONTENT)


def reads_enquiries(user):
    return user.is_superuser or user.has_perm(ENQUIRY_READER_PERMISSION)


def writes_for_review(user):
    """Writes pages that go to a clinical reviewer: may add or edit pages, not publish
    clinical content (superusers do everything)."""
    if user.is_superuser:
        return True
    return not publishes_clinical_content(user) and PagePermissionPolicy().user_has_any_permission(
        user, ["add", "change"]
    )


def dashboard_panels(user):
    """The clinic's panels for `user`, for the `construct_homepage_panels` hook."""
    panels = []
    if writes_for_review(user):
        panels += [QuickActionsPanel(), YourDraftsPanel()]
    if publishes_clinical_content(user):
        panels.append(ReviewsDuePanel())
    if reads_enquiries(user):
        panels.append(RecentEnquiriesPanel())
    return panels


# --- Panels ---------------------------------------------------------------------------


class DashboardPanel(Component):
    """A dashboard panel: Wagtail's panel furniture, rendered from a template in
    home/templates/home/admin/."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"request": request, **self.panel_context(request)}

    def panel_context(self, request):
        return {}


class QuickActionsPanel(DashboardPanel):
    """Buttons to start a page where it belongs, for the lists the user may add to."""

    name = "clinic_quick_actions"
    order = 50  # above Wagtail's panels
    template_name = "home/admin/quick_actions.html"

    def panel_context(self, request):
        return {"actions": quick_actions(request.user)}  # none: the panel is not shown


def quick_actions(user):
    actions = []
    for label, parent_model, page_model, icon in QUICK_ACTIONS:
        parent = parent_model.objects.order_by("path").first()
        if parent is None or not page_model.can_create_at(parent):
            continue
        if not parent.permissions_for_user(user).can_add_subpage():
            continue
        opts = page_model._meta
        url = reverse("wagtailadmin_pages:add", args=(opts.app_label, opts.model_name, parent.pk))
        actions.append({"label": label, "url": url, "icon": icon})
    return actions


class YourDraftsPanel(DashboardPanel):
    """Pages whose latest version is the user's and not published yet, newest first.

    Pages waiting in a workflow are left out: Wagtail's "Your pages and snippets in a
    workflow" lists them.
    """

    name = "clinic_your_drafts"
    order = 200  # just above Wagtail's "Your pages and snippets in a workflow" (210)
    template_name = "home/admin/your_drafts.html"

    def panel_context(self, request):
        return {"drafts": list(drafts_of(request.user)[:DRAFTS_SHOWN])}


def drafts_of(user):
    in_workflow = WorkflowState.objects.active().filter(
        base_content_type_id=get_default_page_content_type().id,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return (
        Page.objects.filter(latest_revision__user=user, has_unpublished_changes=True)
        .exclude(Exists(in_workflow))
        .select_related("content_type")
        .order_by("-latest_revision_created_at", "-pk")
    )


class ReviewsDuePanel(DashboardPanel):
    """How many pages need a clinical review, and the most urgent few (Reports › Reviews due)."""

    name = "clinic_reviews_due"
    order = 230  # after Wagtail's "Awaiting your review" (220)
    template_name = "home/admin/reviews_due.html"

    def panel_context(self, request):
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(
            request.user, ["change", "publish"]
        )
        due = pages_to_review(pages, timezone.localdate())
        count = due.count()
        top = list(due[:REVIEWS_SHOWN]) if count else []
        if top:
            # The report's own wording for each page's status ("Overdue by 3 days", …).
            report = ReviewsDueView()
            report.setup(request)
            top = list(report.decorate_paginated_queryset(top))
        return {
            "count": count,
            "pages": top,
            "more": count - len(top),
            "report_url": reverse("treatments_reviews_due"),
            "days": DUE_SOON_DAYS,
        }


class RecentEnquiriesPanel(DashboardPanel):
    """The number of enquiries received in the last seven days, linking to them."""

    name = "clinic_recent_enquiries"
    order = 60
    template_name = "home/admin/recent_enquiries.html"

    def panel_context(self, request):
        today = timezone.localdate()
        since = today - datetime.timedelta(days=ENQUIRY_DAYS - 1)  # today and six days before
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        form_pages = list(get_forms_for_user(request.user).values_list("pk", flat=True))
        count = FormSubmission.objects.filter(
            page_id__in=form_pages, submit_time__gte=start
        ).count()
        if len(form_pages) == 1:
            url = reverse("wagtailforms:list_submissions", args=[form_pages[0]])
            url += f"?date_from={since.isoformat()}"
        else:
            url = reverse("wagtailforms:index")
        return {"count": count, "days": ENQUIRY_DAYS, "url": url, "has_forms": bool(form_pages)}

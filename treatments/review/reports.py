"""The "Reviews due" report (Reports › Reviews due in the admin).

Lists the live treatment and condition pages whose medical content needs checking: changed
and published since the last approval, overdue, due within `DUE_SOON_DAYS`, reviewed with no
next review date, or never reviewed. The values
are the published page's (a review date changed in an unpublished draft counts once it is
published). Registered in wagtail_hooks.py; described in docs/review-dates.md.
"""

import datetime

import django_filters
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from treatments.models import ConditionPage, TreatmentPage
from treatments.spreadsheets import FormulaSafeExportMixin

DUE_SOON_DAYS = 30

# The order of the report: pages published unreviewed since their last review first (their
# visitors read text nobody checked); then pages with a due date, the longest overdue at the
# top and then those due soonest; then reviewed pages with no date to check them again; then
# pages never reviewed, A to Z.
CHANGED, DATED, NO_DUE_DATE, NEVER_REVIEWED = range(4)


def both(field):
    """A ClinicalReviewMixin field of a treatment or a condition, read from a Page row."""
    return Coalesce(f"treatmentpage__{field}", f"conditionpage__{field}")


def review_status(last_reviewed, due, today, changed=False):
    """What a reviewer needs to know: "Overdue by 3 days", "Due in 12 days", "Never reviewed",
    "Not reviewed since changed"."""
    if last_reviewed is None:
        return "Never reviewed"
    if changed:
        return "Not reviewed since changed"
    if due is None:
        return "No next review date"
    days = (due - today).days
    if days < 0:
        return f"Overdue by {-days} day{'' if days == -1 else 's'}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'' if days == 1 else 's'}"


def long_date(value):
    return format_date(value, "j F Y") if value else ""


def pages_to_review(pages, today):
    """The treatment and condition pages among `pages` that need a review, most urgent first.

    Each has `reviewer_name`, `last_reviewed_on`, `review_due` and `urgency` annotations.
    A page is "changed" when the published version is not the one the review was for
    (ClinicalReviewMixin.medical_review).
    """
    due_by = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        pages.type(TreatmentPage, ConditionPage)
        .live()
        .select_related("content_type")
        .annotate(
            reviewer_name=both("reviewed_by__name"),
            last_reviewed_on=both("last_reviewed"),
            review_due=both("next_review_due"),
            reviewed_revision_ref=both("reviewed_revision"),
        )
        .annotate(
            urgency=Case(
                When(last_reviewed_on__isnull=True, then=Value(NEVER_REVIEWED)),
                When(
                    Q(reviewed_revision_ref__isnull=True)
                    | ~Q(reviewed_revision_ref=F("live_revision")),
                    then=Value(CHANGED),
                ),
                When(review_due__isnull=True, then=Value(NO_DUE_DATE)),
                default=Value(DATED),
                output_field=IntegerField(),
            )
        )
        .filter(~Q(urgency=DATED) | Q(review_due__lte=due_by))
        .order_by("urgency", "review_due", "title", "pk")
    )


class ReviewStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        empty_label="Any",
        choices=[
            ("changed", "Not reviewed since changed"),
            ("overdue", "Overdue"),
            ("soon", f"Due within {DUE_SOON_DAYS} days"),
            ("unscheduled", "No next review date"),
            ("never", "Never reviewed"),
        ],
        method="filter_status",
    )

    class Meta:
        model = Page
        fields = []

    def filter_status(self, pages, name, value):
        today = timezone.localdate()
        return pages.filter(
            **{
                "changed": {"urgency": CHANGED},
                "overdue": {"urgency": DATED, "review_due__lt": today},
                "soon": {"urgency": DATED, "review_due__gte": today},
                "unscheduled": {"urgency": NO_DUE_DATE},
                "never": {"urgency": NEVER_REVIEWED},
            }[value]
        )


class ReviewsDueView(FormulaSafeExportMixin, ReportView):
    """Reports › Reviews due: for anyone who may edit or publish pages. Its CSV starts a cell
    that a spreadsheet would run as a formula (a title like "=HYPERLINK(…)") with '."""

    page_title = "Reviews due"
    header_icon = "date"
    index_url_name = "treatments_reviews_due"
    index_results_url_name = "treatments_reviews_due_results"
    model = Page  # Wagtail's page permissions decide who sees the report and which pages
    any_permission_required = ["add", "change", "publish"]
    filterset_class = ReviewStatusFilterSet
    columns = [
        TitleColumn("title", label="Title", url_name="wagtailadmin_pages:edit"),
        Column("page_type", label="Type"),
        Column("reviewer_name", label="Reviewed by"),
        Column("last_reviewed", label="Last reviewed", accessor="last_reviewed_text"),
        Column("next_review_due", label="Next review due", accessor="review_due_text"),
        Column("review_status", label="Status"),
    ]
    list_export = [
        "title",
        "page_type",
        "reviewer_name",
        "last_reviewed_on",
        "review_due",
        "review_status",
    ]
    export_headings = {
        "title": "Title",
        "page_type": "Type",
        "reviewer_name": "Reviewed by",
        "last_reviewed_on": "Last reviewed",
        "review_due": "Next review due",
        "review_status": "Status",
    }
    export_filename = "reviews-due"

    @property
    def no_results_message(self):
        if self.is_filtering:
            return "No page has this status."
        return f"No page is overdue or due for review in the next {DUE_SOON_DAYS} days."

    def get_filename(self):
        return f"reviews-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        return pages_to_review(pages, timezone.localdate())

    def decorate_paginated_queryset(self, pages):
        today = timezone.localdate()
        for page in pages:
            page.page_type = capfirst(page.specific_class._meta.verbose_name)
            page.last_reviewed_text = long_date(page.last_reviewed_on)
            page.review_due_text = long_date(page.review_due)
            page.review_status = review_status(
                page.last_reviewed_on, page.review_due, today, changed=page.urgency == CHANGED
            )
        return pages

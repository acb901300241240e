"""The results app in the admin: Results › Result cases and Results › Consent records (the
second only for users with a right on consent records: Site managers), the claims check on
a case's texts, and metadata taken off a case's photos when it is saved."""

from django.apps import apps
from django.db.models import Prefetch
from django.http import HttpResponseForbidden
from django.urls import re_path
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.log_actions import LogFormatter
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from treatments.editing import WORDING_CHECK_HOOK
from treatments.models import TREATMENT_SECTIONS_HOOK

from .forms import ResultCaseForm
from .metadata import strip_case_photos
from .models import ConsentRecord, ResultCase
from .sections import treatment_gallery
from .views import consent_forms, is_consent_form, kept_original, may_open_consent_forms
from .withdrawal import WITHDRAW_ACTION


class CaseStatusColumn(LiveStatusTagColumn):
    """Live, draft, in moderation or scheduled, from the scheduled revisions fetched with
    the list (`scheduled`) rather than a query per case."""

    def get_value(self, case):
        case.__dict__["scheduled_revision"] = case.scheduled[0] if case.scheduled else None
        return super().get_value(case)


class ResultCaseViewSet(SnippetViewSet):
    """Before-and-after cases; editors write them, clinical reviewers approve them."""

    model = ResultCase
    icon = "image"
    menu_label = "Result cases"
    list_display = [
        "treatment",
        "sessions",
        Column("time_between", label="Time between"),
        "practitioner",
        # The record's status only, never its patient reference.
        Column("consent_status", label="Consent", accessor=lambda case: case.consent.status),
        CaseStatusColumn(),
    ]
    list_filter = ["treatment"]
    edit_handler = ObjectList(ResultCase.panels, base_form_class=ResultCaseForm)

    def get_queryset(self, request):
        # What each row shows, its title (from the latest revision) and its "in review"
        # state, in a fixed number of queries however many cases there are.
        in_review = WorkflowState.objects.active().select_related("current_task_state__task")
        scheduled = Revision.objects.filter(approved_go_live_at__isnull=False).order_by(
            "-created_at"
        )
        return ResultCase.objects.select_related(
            "treatment", "practitioner", "consent", "latest_revision"
        ).prefetch_related(
            Prefetch("workflow_states", queryset=in_review, to_attr="_current_workflow_states"),
            Prefetch("_revisions", queryset=scheduled, to_attr="scheduled"),
        )


SCOPE_FIELDS = ("scope_website", "scope_social", "scope_print")


def scope(record):
    """Where the patient allowed their photos: "this website, social media"."""
    places = [
        field.verbose_name
        for field in (ConsentRecord._meta.get_field(name) for name in SCOPE_FIELDS)
        if getattr(record, field.name)
    ]
    return ", ".join(places) or "nowhere"


class ConsentRecordViewSet(SnippetViewSet):
    """Patients' consent; the menu item shows only to users with a right on the records."""

    model = ConsentRecord
    icon = "doc-full"
    menu_label = "Consent records"
    list_display = [
        Column("number", label="#", accessor=lambda record: f"#{record.pk}"),
        Column("signed_on", label="Signed"),
        Column("scope", label="Scope", accessor=scope),
        Column("expires_on", label="Expires"),
        Column("status", label="Status"),
    ]
    list_export = []
    # Found by the clinic's reference, searched in the database: never put in a search index.
    search_fields = ["patient_reference"]
    search_backend_name = None


class ResultsViewSetGroup(SnippetViewSetGroup):
    items = (ResultCaseViewSet, ConsentRecordViewSet)
    menu_icon = "image"
    menu_label = "Results"
    menu_order = 252  # after Practitioners and Testimonials


register_snippet(ResultsViewSetGroup)


# --- The claims check on a case's caption and alt texts (treatments.review) -----------


def wording_findings(case):
    """(phrase, where) for each risky phrase in the case, from the apps that check wording."""
    return [
        (phrase, where)
        for check in hooks.get_hooks(WORDING_CHECK_HOOK)
        for phrase, where, _pattern in check(case)
    ]


def warn_about_wording(request, case):
    findings = wording_findings(case)
    if findings:
        messages.warning(
            request,
            format_html(
                "The claims check found risky wording: <ul>{}</ul>A clinical reviewer must "
                "approve it before the case goes live: change it, or submit the case for "
                "review.",
                format_html_join("", "<li>“{}” in {}</li>", findings),
            ),
        )


@hooks.register("before_edit_snippet")
def warn_about_wording_on_the_edit_page(request, instance):
    if isinstance(instance, ResultCase) and request.method == "GET":
        warn_about_wording(request, instance.get_latest_revision_as_object())


# After these the admin leaves the edit page; after saving a draft it opens the edit page
# again, which warns by itself (as for pages: treatments/review/wagtail_hooks.py).
ACTIONS_LEAVING_THE_EDITOR = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def check_a_saved_case(request, instance):
    if isinstance(instance, ResultCase):
        strip_case_photos(instance)
        if any(request.POST.get(action) for action in ACTIONS_LEAVING_THE_EDITOR):
            warn_about_wording(request, instance)


# --- The public gallery: a treatment page's "Before and after" section, and its photos in
# the JSON-LD of the pages that show them (sections.py, structured_data.py) -------------


@hooks.register(TREATMENT_SECTIONS_HOOK)
def results_section(page, request):
    return [("results", "Before and after", lambda: treatment_gallery(page, request))]


# The photos' JSON-LD, where the JSON-LD app is installed (its PAGE_ITEMS_HOOK).
if apps.is_installed("treatments.schema_org"):
    from .structured_data import result_photos

    hooks.register("treatments_schema_org_page_items", result_photos)


# --- Consent is enforced: private forms, kept originals, the audit log ------------------


@hooks.register("register_log_actions")
def register_withdrawal_action(actions):
    @actions.register_action(WITHDRAW_ACTION)
    class WithdrawalMessage(LogFormatter):
        label = "Photos taken down"

        def format_message(self, log_entry):
            # Counts only: never the patient's reference.
            data = log_entry.data
            cause = "Consent expired" if data.get("reason") == "expired" else "Consent withdrawn"
            verb = "kept privately" if data.get("kept") else "deleted"
            return (
                f"{cause}: {data.get('cases', 0)} case(s) taken down, "
                f"{data.get('photos', 0)} photo(s) {verb}"
            )


@hooks.register("before_serve_document")
def refuse_consent_forms(document, request):
    """A signed consent form opens only for users who may view consent records, whatever
    its collection's privacy says."""
    if not may_open_consent_forms(request.user) and is_consent_form(document):
        return HttpResponseForbidden("Only Site managers may open consent forms.")


@hooks.register("construct_document_chooser_queryset")
def hide_consent_forms(documents, request):
    if may_open_consent_forms(request.user):
        return documents
    return documents.exclude(consent_forms())


@hooks.register("register_admin_urls")
def register_kept_originals_url():
    return [
        re_path(
            r"^results/originals/(?P<case_id>[0-9]+)/(?P<side>before|after)/$",
            kept_original,
            name="treatments_results_kept_original",
        )
    ]

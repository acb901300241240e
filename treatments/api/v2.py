"""Wagtail's API v2 for clinic content: what existing Wagtail front ends and
wagtail-headless-preview speak, with the same resolved values as API v3.
"""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import path
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, get_page_models

from ..models import PagePreview, TreatmentPage
from .content import for_condition, live
from .fields import prefetch_lookups, resolved_fields
from .pages import for_listing


class ConditionFilter(BaseFilterBackend):
    """`?condition=<slug or id>` with type=treatments.TreatmentPage."""

    parameters = ("condition",)

    def filter_queryset(self, request, queryset, view):
        if "condition" not in request.GET:
            return queryset
        if queryset.model is not TreatmentPage:
            raise BadRequestError("condition needs type=treatments.TreatmentPage")
        try:
            return for_condition(queryset, request.GET["condition"])
        except ValueError as error:
            raise BadRequestError(str(error)) from None


class ClinicPagesAPIViewSet(PagesAPIViewSet):
    """Live, public, unexpired pages only, with bodies in the detail view.

    A site adds its own filter backends in `extra_filter_backends`; each names
    its query parameters in `parameters`.
    """

    extra_filter_backends = [ConditionFilter]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.configure()

    @classmethod
    def configure(cls):
        """Work out filters, known parameters and detail-only fields for this class."""
        own = [f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter]
        # Search must stay last: its results cannot be filtered further.
        cls.filter_backends = own + list(cls.extra_filter_backends) + [SearchFilter]
        cls.known_query_parameters = frozenset(cls.known_query_parameters).union(
            name for backend in cls.extra_filter_backends for name in backend.parameters
        )
        cls.detail_only_fields = ["parent"] + sorted(
            {
                field.name
                for model in get_page_models()
                for field in resolved_fields(model)
                if field.detail_only
            }
        )

    def get_base_queryset(self):
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
            site = site.site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from None
        if site is None:
            return Page.objects.none()
        return live(Page.objects.descendant_of(site.root_page, inclusive=True))

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "listing_view":
            fields = resolved_fields(queryset.model, listing=True)
            queryset = for_listing(queryset.select_related("locale", "alias_of"))
            queryset = queryset.prefetch_related(*prefetch_lookups(fields))
        return queryset

    def get_object(self):
        if not hasattr(self, "_clinic_object"):
            page = super().get_object()
            prefetch_related_objects([page], *prefetch_lookups(resolved_fields(type(page))))
            self._clinic_object = page
        return self._clinic_object

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


ClinicPagesAPIViewSet.configure()


class PagePreviewAPIViewSet(ClinicPagesAPIViewSet):
    """`/page_preview/?content_type=app.model&token=…`: the draft being previewed.

    The parameters wagtail-headless-preview front ends send; never cached.
    """

    name = "page_preview"
    known_query_parameters = ClinicPagesAPIViewSet.known_query_parameters.union(
        ["content_type", "token"]
    )

    def get_object(self):
        if not hasattr(self, "_preview"):
            page = PagePreview.find(
                self.request.GET.get("content_type"), self.request.GET.get("token")
            )
            if page is None:
                raise Http404("This preview link is invalid or has expired.")
            self._preview = page
        return self._preview

    def get_serializer_class(self):
        try:
            fields = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from None
        return self._get_serializer_class(
            self.request.wagtailapi_router, type(self.get_object()), fields, show_details=True
        )

    def listing_view(self, request):
        self.check_query_parameters(Page.objects.none())
        response = Response(self.get_serializer(self.get_object()).data)
        response["Cache-Control"] = "private, no-store"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

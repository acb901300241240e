"""Wagtail's API v2 for clinic content: what existing Wagtail front ends and
wagtail-headless-preview speak, with the same resolved values as the clinic content API.
"""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError, models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.urls import path
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2 import views as documents_v2
from wagtail.images.api.v2 import views as images_v2
from wagtail.models import Page, get_page_models

from ..models import TreatmentPage
from ..numbers import is_whole_number, whole_number
from .content import for_condition, parse_id
from .fields import prefetch_lookups, resolved_fields
from .http import MAX_HTML_PATH, MAX_ID
from .models import PagePreview
from .pages import for_listing, site_pages


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


# Wagtail's parameters that take a page id or a count; field filters are found per model.
NUMBER_PARAMETERS = {
    "offset",
    "limit",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
}


def typed_filters(model, names):
    """{name: "number" or "date"} for those of `names` that filter `model` by a number (an
    integer column, or a relation to objects with integer ids; `locale` and tags are
    filtered by name) or by a date or time."""
    found = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name == "locale" or isinstance(field, TaggableManager):
            continue
        if field.is_relation and field.related_model is not None:
            field = field.related_model._meta.pk
        if isinstance(field, models.IntegerField):
            found[name] = "number"
        elif isinstance(field, models.DateField | models.TimeField):  # DateTimeField too
            found[name] = "date"
    return found


def check_number(name, value, what=None):
    """A 400 unless `value` is written in the digits 0-9 and fits an id column."""
    if not is_whole_number(value):
        raise BadRequestError(
            f"{what or name} must be a positive integer, written with the digits 0-9"
        )
    if whole_number(value, MAX_ID) is None:
        raise BadRequestError(f"{what or name} is out of range (at most {MAX_ID})")


def check_date(name, value):
    """A 400 for a date in other digits: Django's date parsing reads "٢٠٢٦-٠٣-٠١" too."""
    if not value.isascii():
        raise BadRequestError(f"{name} must be a date written with the digits 0-9, e.g. 2026-03-01")


class InputChecksMixin:
    """Bad input is a 400 with a message, not a 500, on any v2 endpoint.

    Wagtail's endpoints pass some values straight to the database: numbers too large
    for an id column, dates that are not dates, an unknown search operator, search
    syntax SQLite's full-text index rejects, a find `?id=` that is not a number. And
    they read numbers with `int()`, which takes any script's digits ("٩", "１"):
    numbers here are the digits 0-9 only (treatments/numbers.py).
    """

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        filters = set(self.get_available_fields(queryset.model, db_fields_only=True))
        kinds = typed_filters(queryset.model, filters & set(self.request.GET))
        kinds.update(dict.fromkeys(NUMBER_PARAMETERS, "number"))
        for name, value in self.request.GET.items():
            if kinds.get(name) == "number":
                check_number(name, value)
            elif kinds.get(name) == "date":
                check_date(name, value)

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except DjangoValidationError as error:
            raise BadRequestError("; ".join(error.messages)) from None
        except ValueError as error:  # e.g. search_operator=xor
            raise BadRequestError(str(error)) from None

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except OperationalError:
            if "search" not in request.GET:
                raise
            raise BadRequestError("The search could not be understood: use plain words.") from None

    def find_object(self, queryset, request):
        if "id" in request.GET and parse_id(request.GET["id"]) is None:
            raise BadRequestError("id must be a positive integer, written with the digits 0-9")
        if len(request.GET.get("html_path", "")) > MAX_HTML_PATH:
            raise BadRequestError(
                f"html_path is longer than any page's address (at most {MAX_HTML_PATH} characters)"
            )
        return super().find_object(queryset, request)


class ImagesAPIViewSet(InputChecksMixin, images_v2.ImagesAPIViewSet):
    pass


class DocumentsAPIViewSet(InputChecksMixin, documents_v2.DocumentsAPIViewSet):
    pass


class ClinicPagesAPIViewSet(InputChecksMixin, PagesAPIViewSet):
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
        site = self.request.GET.get("site", "")
        if ":" in site:  # host:port; Wagtail reads the port with int()
            check_number("site", site.split(":", 1)[1], what="site's port")
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
            site = site.site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from None
        return site_pages(self.request, site=site) if site else Page.objects.none()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "listing_view":
            fields = resolved_fields(queryset.model, listing=True)
            queryset = for_listing(queryset.select_related("locale", "alias_of"))
            queryset = queryset.prefetch_related(*prefetch_lookups(fields, listing=True))
        return queryset

    def get_object(self):
        if not hasattr(self, "_clinic_object"):
            page = super().get_object()
            prefetch_related_objects([page], *prefetch_lookups(resolved_fields(type(page))))
            self._clinic_object = page
        return self._clinic_object


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
            # A page not saved yet has no id; v2 links every object by its id.
            page.pk = page.pk or 0
            self._preview = page
        return self._preview

    def get_serializer_class(self):
        try:
            fields = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from None
        page = self.get_object()
        if not page.path:  # not saved yet: it has no place in the tree, so no parent
            fields = [*fields, ("parent", True, None)]
        return self._get_serializer_class(
            self.request.wagtailapi_router, type(page), fields, show_details=True
        )

    def listing_view(self, request):
        self.check_query_parameters(Page.objects.none())
        response = Response(self.get_serializer(self.get_object()).data)
        response["Cache-Control"] = "private, no-store"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

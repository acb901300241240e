"""Shared parts of the clinic content API: query parameters, pagination, JSON errors, the
API itself."""

import functools
import inspect
import json
from typing import Annotated

from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI, Path, Schema
from ninja.errors import HttpError, ValidationError
from ninja.params.models import Query as QueryParam
from ninja.responses import NinjaJSONEncoder
from pydantic import BeforeValidator, Field, create_model

from ..numbers import is_whole_number
from .types import ErrorMessage

# One maximum for both APIs.
LIMIT_MAX = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
# Page ids are 32-bit; larger numbers are refused before they reach the database.
MAX_ID = 2**31 - 1
# Longer than any page's address: `find/?html_path=` refuses it before walking the tree.
MAX_HTML_PATH = 2000


def _digits_only(value):
    """Numbers in a query or path are the digits 0-9 (treatments/numbers.py); pydantic would
    also read "1_0", "+5", " 5" and "5.0". A minus sign is left to the range check."""
    if isinstance(value, str) and not is_whole_number(value.removeprefix("-")):
        raise ValueError("must be an integer written with the digits 0-9")
    return value


# An integer read from a query string or a path.
Integer = Annotated[int, BeforeValidator(_digits_only)]


class ListQuery(Schema):
    limit: Integer = Field(20, ge=1, le=LIMIT_MAX, description=f"How many items, 1 to {LIMIT_MAX}.")
    offset: Integer = Field(0, ge=0, le=MAX_ID, description="How many items to skip.")


def object_id(description="The id."):
    """A path parameter for an id: a positive 32-bit integer in the digits 0-9, else a 400.

    The view annotates it `int`; the digits check travels with the parameter, so every
    view that uses `object_id()` gets it."""
    param = Path(..., ge=1, le=MAX_ID, description=description)
    param.metadata.append(BeforeValidator(_digits_only))
    return param


def paginated(item_type, name):
    return create_model(name, __base__=Schema, count=(int, ...), items=(list[item_type], ...))


def paginate(queryset, query):
    return queryset.count(), queryset[query.offset : query.offset + query.limit]


def built(response, data):
    """Ninja's `response` with `data` as its JSON body, skipping Ninja's response validation.

    For JSON our resolvers build in the response model's exact shape (every field, in the
    model's order, `None` where a value is missing: `pages.py`). Ninja would validate it
    field by field against the model and dump it again, unchanged: a fifth of the time of a
    listing of 50 treatments. The body is what Ninja's default renderer (`build_api`'s)
    writes for the validated value, byte for byte; tests/treatments/test_api_speed.py
    checks, endpoint by endpoint, that validating it would change nothing.
    """
    response.content = json.dumps(data, cls=NinjaJSONEncoder)
    return response


def strict_query(view):
    """Answer 400 for query parameters the endpoint does not know, e.g. a typo'd filter.

    Ninja ignores unknown parameters; a client misspelling `condition` would silently
    get every treatment back.
    """
    allowed = set()
    for parameter in inspect.signature(view).parameters.values():
        if not isinstance(parameter.default, QueryParam):
            continue
        annotation = parameter.annotation
        if isinstance(annotation, type) and issubclass(annotation, Schema):
            allowed.update(field.alias or name for name, field in annotation.model_fields.items())
        else:
            allowed.add(parameter.name)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed)) or "none"
            raise HttpError(
                400, f"Unknown query parameter: {', '.join(unknown)}. Known here: {known}."
            )
        return view(request, *args, **kwargs)

    return wrapper


def _location(error):
    return ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"


def register_error_handlers(api):
    """JSON errors with a message, and 400 (not Ninja's 422) for bad input."""

    @api.exception_handler(ValidationError)
    def bad_input(request, exc):
        problems = "; ".join(f"{_location(e)}: {e['msg']}" for e in exc.errors)
        return api.create_response(
            request,
            {"message": f"Invalid request: {problems}", "errors": exc.errors},
            status=400,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"message": str(exc) or "Not found."}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"message": exc.message}, status=exc.status_code)


def build_api(*routers, **kwargs):
    """A read-only NinjaAPI with the given (prefix, router) pairs and JSON errors."""
    api = NinjaAPI(
        title=kwargs.pop("title", "Clinic content API"),
        version="1.0.0",
        urls_namespace=kwargs.pop("urls_namespace", "clinic_api"),
        openapi_url="/openapi.json",
        docs_url="/docs/",
        **kwargs,
    )
    register_error_handlers(api)
    for prefix, router in routers:
        api.add_router(prefix, router)
    return api


ERRORS = {400: ErrorMessage, 404: ErrorMessage}

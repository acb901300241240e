"""What only Site managers may open: signed consent forms (Wagtail's document view asks
wagtail_hooks.py) and the originals of withdrawn photos kept for the clinic's records
(/admin/results/originals/<case>/<before|after>/)."""

import mimetypes
import os

from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from wagtail.models import Collection

from .models import ConsentRecord, ResultCase
from .withdrawal import find_kept_original, private_storage

# The private collection the results app's migration makes for signed forms.
CONSENT_FORMS = "Consent forms"


def may_open_consent_forms(user):
    return user.has_perm("treatments_results.view_consentrecord")


def consent_forms():
    """Documents that are consent forms: in the "Consent forms" collection (or one below it),
    or attached to a consent record wherever they were uploaded."""
    in_collection = Q()
    for path in Collection.objects.filter(name=CONSENT_FORMS).values_list("path", flat=True):
        in_collection |= Q(collection__path__startswith=path)
    attached = Q(pk__in=ConsentRecord.objects.filter(form__isnull=False).values("form"))
    return in_collection | attached


def is_consent_form(document):
    return type(document).objects.filter(consent_forms(), pk=document.pk).exists()


def kept_original(request, case_id, side):
    """A withdrawn case's original photo, kept privately (RESULTS_KEEP_WITHDRAWN_ORIGINALS),
    for users who may change consent records; never cached."""
    if not request.user.has_perm("treatments_results.change_consentrecord"):
        # A plain 403, not the admin's redirect to the dashboard: this is a file address.
        return HttpResponseForbidden("Only Site managers may open withdrawn photos.")
    case = get_object_or_404(ResultCase, pk=case_id)
    storage = private_storage()
    name = find_kept_original(storage, case.pk, side)
    if name is None:
        raise Http404("No original is kept for this photo.")
    extension = os.path.splitext(name)[1]
    response = FileResponse(
        storage.open(name, "rb"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        filename=f"case-{case.pk}-{side}{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response

"""Markdown import: `python manage.py import_content PATH...` (see docs/importing.md).

A site adds its own page types to the import through the
`TREATMENTS_IMPORT_TYPES` setting: `{"type name": "dotted.path.ImporterClass"}`.
"""

from django.apps import apps as django_apps
from django.conf import settings

PLUGIN_TYPES = {
    "treatment": "treatments.importer.types.TreatmentImporter",
    "condition": "treatments.importer.types.ConditionImporter",
    "treatment-index": "treatments.importer.types.TreatmentIndexImporter",
    "condition-index": "treatments.importer.types.ConditionIndexImporter",
    "practitioner-index": "treatments.importer.types.PractitionerIndexImporter",
    "location-index": "treatments.importer.types.LocationIndexImporter",
    "location": "treatments.importer.types.LocationImporter",
    "practitioner": "treatments.importer.types.PractitionerImporter",
    "testimonial": "treatments.importer.types.TestimonialImporter",
    "clinic": "treatments.importer.types.ClinicImporter",
}

# Before-and-after results, where the optional app that keeps them is installed.
RESULTS_TYPES = {
    "results-index": "treatments.importer.results.ResultsIndexImporter",
    "consent": "treatments.importer.results.ConsentImporter",
    "result": "treatments.importer.results.ResultImporter",
}


def import_types():
    results = RESULTS_TYPES if django_apps.is_installed("treatments.results") else {}
    return {**PLUGIN_TYPES, **results, **getattr(settings, "TREATMENTS_IMPORT_TYPES", {})}

from django.apps import AppConfig, apps


class TreatmentsAPIConfig(AppConfig):
    """The plugin's page types as typed JSON: the fields Wagtail's API v2 serves for them,
    and the clinic content API (`clinic_api`). A site composes the endpoints (urls)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments.api"
    label = "treatments_api"
    verbose_name = "Treatments API"

    def ready(self):
        # The content model names no API fields: they are declared here, once, as Wagtail's
        # `api_fields`, which API v2 reads and the clinic content API shares (fields.py).
        from treatments.blocks import ArticleBodyBlock, TreatmentBodyBlock
        from treatments.models import (
            ConditionIndexPage,
            ConditionPage,
            LocationIndexPage,
            LocationPage,
            PractitionerIndexPage,
            TreatmentIndexPage,
            TreatmentPage,
        )

        from . import content, locations

        TreatmentIndexPage.api_fields = content.treatment_index_fields()
        TreatmentPage.api_fields = content.treatment_fields(TreatmentBodyBlock())
        ConditionIndexPage.api_fields = content.condition_index_fields()
        ConditionPage.api_fields = content.condition_fields(ArticleBodyBlock())
        PractitionerIndexPage.api_fields = content.practitioner_index_fields()
        TreatmentPage.api_fields.append(locations.treatment_locations_field())
        LocationIndexPage.api_fields = locations.location_index_fields()
        LocationPage.api_fields = locations.location_fields()
        # Results are read only where the optional app is: it adds their table.
        if apps.is_installed("treatments.results"):
            from treatments.results.models import ResultsIndexPage

            from . import results

            TreatmentPage.api_fields.append(results.treatment_results_field())
            ResultsIndexPage.api_fields = results.results_index_fields()

from django.apps import AppConfig


class ClinicalReviewConfig(AppConfig):
    """Publishing rights, claims check, review workflow and dates for medical content."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments.review"
    label = "treatments_review"
    verbose_name = "Clinical review"

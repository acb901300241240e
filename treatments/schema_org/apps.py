from django.apps import AppConfig


class SchemaOrgConfig(AppConfig):
    """schema.org JSON-LD for search engines, built from the pages' structured content."""

    name = "treatments.schema_org"
    label = "treatments_schema_org"
    verbose_name = "Structured data (schema.org)"

    def ready(self):
        # Registers the treatment, condition, location and team pages' items.
        from . import locations, medical, people  # noqa: F401

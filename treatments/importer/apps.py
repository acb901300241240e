from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """`import_content`: Markdown files (Eleventy, Jekyll, Hugo) into clinic pages."""

    name = "treatments.importer"
    label = "treatments_importer"
    verbose_name = "Content import"

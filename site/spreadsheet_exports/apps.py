from django.apps import AppConfig


class SpreadsheetExportsConfig(AppConfig):
    """Every CSV the admin exports opens in a spreadsheet as text, never as formulas: the
    enquiries (Forms), Reports › Reviews due and Wagtail's own reports (site history, aging
    and locked pages, workflows), redirects. docs/deployment.md, "Security"."""

    name = "spreadsheet_exports"
    verbose_name = "Spreadsheet exports"

    def ready(self):
        neutralise_formulas_in_every_csv_export()


def neutralise_formulas_in_every_csv_export():
    """Wagtail has no setting or hook for its CSV writer, and the views that use it (the form
    submissions listing, each report) are Wagtail's own: so the one method they all call for
    each cell, SpreadsheetExportMixin.preprocess_field_value, is wrapped, the way
    treatments.spreadsheets.FormulaSafeExportMixin does it for one view. The XLSX export is
    left alone: it stores such cells as text already."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from treatments.spreadsheets import neutralise_formula

    wagtails = SpreadsheetExportMixin.preprocess_field_value
    if getattr(wagtails, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = wagtails(self, field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value

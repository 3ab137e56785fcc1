"""No exported or generated spreadsheet cell can run as a formula."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from evaluation.choices import Level
from evaluation.exports import safe_cell
from evaluation.models import Nomination, ReserveEntry
from evaluation.services import imports, intake
from tests.factories.evaluation import nomination_data

PAYLOADS = ['=HYPERLINK("http://x.example","点击")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", PAYLOADS)
def test_formula_like_text_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["王秀英", "13812345678", 1968, None, "a=b"])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def exported(client, url, fmt):
    response = client.get(url + f"?export={fmt}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(body.decode())) for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_nomination_export_neutralises_formulas(client, staff, campaign, jurisdictions, fmt):
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    Nomination.objects.filter(pk=nomination.pk).update(unit=PAYLOADS[0])
    nomination.nominators.update(name="@SUM(A1)")
    client.force_login(staff["city_staff"])
    cells = exported(client, reverse("evaluation_nominations:index"), fmt)
    assert "'" + PAYLOADS[0] in cells and PAYLOADS[0] not in cells
    assert any(str(cell).startswith("'@SUM(A1)") for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reserve_export_neutralises_formulas(client, staff, jurisdictions, fmt):
    ReserveEntry.objects.create(
        name="李强",
        category="helping_others",
        level=Level.CITY,
        jurisdiction=jurisdictions["hexi"],
        unit="-2+3",
        story="多年来坚持义务献血。",
    )
    client.force_login(staff["city_staff"])
    cells = exported(client, reverse("evaluation_reserve:index"), fmt)
    assert "'-2+3" in cells and "-2+3" not in cells


def test_import_template_lists_jurisdiction_names_as_text(campaign, jurisdictions):
    jurisdictions["hexi"].add_child(name="=1+1", kind="grassroots")
    workbook = openpyxl.load_workbook(io.BytesIO(imports.build_template(campaign)))
    cells = [cell for row in workbook[imports.NOTES_SHEET].iter_rows() for cell in row]
    assert any(cell.value == "'=1+1" for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)

"""Organisation imports refuse closed campaigns, zip bombs and oversized sheets before reading rows."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.choices import StageKind
from evaluation.models import Nomination
from evaluation.services import imports
from tests.evaluation.services.test_imports import filled_template, pdf_upload, person, run
from tests.factories.evaluation import CampaignFactory


def test_closed_campaign_refuses_imports(jurisdictions, staff):
    campaign = CampaignFactory(stages=[StageKind.REVIEW])
    content = filled_template(campaign, [person()], jurisdictions["hexi_street"])
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], xlsx=content)
    assert [(p.row, p.column) for p in caught.value.report] == [(None, "评选活动")]
    assert "不在推荐阶段" in caught.value.messages[0]
    assert Nomination.objects.count() == 0


def test_nomination_stage_that_ended_refuses_imports(campaign, jurisdictions, staff):
    stage = campaign.stages.get(kind=StageKind.NOMINATION)
    stage.ends_on = datetime.date.today() - datetime.timedelta(days=1)
    stage.save()
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [person()])
    assert f"{stage.ends_on:%Y年%m月%d日}" in caught.value.messages[0]


def test_zip_that_unpacks_too_large_is_refused_before_reading(campaign, jurisdictions, staff, monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    monkeypatch.setattr(imports, "XLSX_MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("rows read"))
    with pytest.raises(imports.ImportErrors) as caught:
        imports.import_submission(
            campaign,
            jurisdictions["hexi_street"],
            staff["hexi_submitter"],
            SimpleUploadedFile("x.xlsx", out.getvalue()),
            pdf_upload(),
        )
    assert "解压后超过1 MB" in caught.value.messages[0]


def test_sheet_declaring_too_many_rows_is_refused_before_reading(campaign, jurisdictions, staff):
    workbook = openpyxl.load_workbook(io.BytesIO(filled_template(campaign, [person()], jurisdictions["hexi_street"])))
    workbook[imports.LIST_SHEET].cell(row=imports.MAX_SHEET_ROWS + 1, column=1, value="多余")
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], xlsx=out.getvalue())
    message = caught.value.messages[0]
    assert f"{imports.MAX_SHEET_ROWS + 1}行" in message and f"超过{imports.MAX_SHEET_ROWS}行" in message
    assert Nomination.objects.count() == 0

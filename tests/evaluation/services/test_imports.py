"""Organisation bulk submission: the template round trip, and every bad file refused with nothing saved."""

import datetime
import io
import logging
import os

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.choices import Level, NominationChannel, NominationMethod
from evaluation.models import HeldTitle, Nomination, NominationEvent, Nominator, OrganisationSubmission
from evaluation.services import imports, intake
from evaluation.workflows.nomination import Status
from tests.factories.evaluation import make_id_number, nomination_data

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
FEMALE_ID = make_id_number(seq="124")
MALE_ID = make_id_number(born=datetime.date(1975, 3, 8), seq="135")
STORY = "二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断，邻里有口皆碑。"


def pdf_upload(content=PDF, name="推荐文件.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def person(**overrides):
    values = {
        "被推荐人姓名": "王秀英",
        "性别": "女",
        "出生年份": 1968,
        "身份证号码": FEMALE_ID,
        "所属辖区/单位": "河西区柳巷街道",
        "工作单位或身份": "柳巷社区居民",
        "类别": "助人为乐",
        "主要事迹": "王秀英" + STORY,
        "推荐人姓名": "李明",
        "推荐人手机号": "13812345678",
    }
    values.update(overrides)
    return values


def second_person(**overrides):
    values = person(
        被推荐人姓名="赵建国",
        性别="男",
        出生年份=1975,
        身份证号码=MALE_ID,
        类别="敬业奉献",
        主要事迹="赵建国" + STORY,
    )
    values.update(overrides)
    return values


def filled_template(campaign, rows, organisation=None, start_row=3):
    """The downloaded template with `rows` typed in below the example row."""
    workbook = openpyxl.load_workbook(io.BytesIO(imports.build_template(campaign, organisation)))
    sheet = workbook[imports.LIST_SHEET]
    header = [imports._header_label(cell.value) for cell in sheet[1]]
    for offset, values in enumerate(rows):
        for column, label in enumerate(header, start=1):
            sheet.cell(row=start_row + offset, column=column, value=values.get(label))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def media_files():
    """Every stored file, public or private."""
    found = set()
    for top in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for root, _dirs, files in os.walk(top):
            found.update(os.path.join(root, f) for f in files)
    return found


def snapshot():
    return (
        Nomination.objects.count(),
        Nominator.objects.count(),
        OrganisationSubmission.objects.count(),
        NominationEvent.objects.count(),
        media_files(),
    )


def run(campaign, organisation, user, rows=None, *, xlsx=None, document=None):
    content = xlsx if xlsx is not None else filled_template(campaign, rows or [person()], organisation)
    return imports.import_submission(
        campaign,
        organisation,
        user,
        SimpleUploadedFile("名单.xlsx", content),
        pdf_upload() if document is None else document,
    )


# Template -------------------------------------------------------------------------------------


def test_template_lists_columns_allowed_values_and_an_example(campaign, jurisdictions):
    campaign.categories = ["helping_others", "bravery"]
    campaign.save()
    workbook = openpyxl.load_workbook(io.BytesIO(imports.build_template(campaign, jurisdictions["hexi"])))
    assert workbook.sheetnames == [imports.LIST_SHEET, "填写说明"]
    sheet = workbook[imports.LIST_SHEET]
    assert [c.value for c in sheet[1]] == [
        "被推荐人姓名*", "性别", "出生年份", "身份证号码", "所属辖区/单位*",
        "工作单位或身份", "类别*", "主要事迹*", "推荐人姓名*", "推荐人手机号*",
        "推荐对象", "群体成员", "群体联系人", "联系人手机号",
    ]  # fmt: skip
    # 个人必填: a group gives its members' ID numbers in 群体成员 instead.
    assert "推荐个人时必填" in sheet["D1"].comment.text
    assert "整份名单都不会导入" in sheet["A1"].comment.text and "选填" in sheet["B1"].comment.text
    assert sheet["A2"].value.startswith("示例")
    assert sheet["D3"].number_format == "@" and sheet["J3"].number_format == "@"
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"男,女"' in formulas
    assert any("填写说明" in f and "$E$" in f for f in formulas)
    notes = workbook["填写说明"]
    values = {cell.value for row in notes.iter_rows() for cell in row if cell.value}
    assert {"助人为乐", "见义勇为", "男", "女", "河西区", "河西区柳巷街道"} <= values
    assert "诚实守信" not in values and "城关区" not in values and "清河市" not in values
    assert any("20至1500字" in str(v) for v in values)


def test_template_without_organisation_lists_every_district_and_unit(campaign, jurisdictions):
    workbook = openpyxl.load_workbook(io.BytesIO(imports.build_template(campaign)))
    names = [row[6] for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True) if row[6]]
    assert set(names) == {"河西区", "城关区", "省电力公司清河供电分公司", "河西区柳巷街道", "城关区府东街道"}


# Round trip -----------------------------------------------------------------------------------


def test_grassroots_organisation_submission_goes_to_district_review(campaign, jurisdictions, staff):
    street, user = jurisdictions["hexi_street"], staff["hexi_submitter"]
    before = media_files()
    submission = run(campaign, street, user, [person(), second_person()])

    assert submission.row_count == 2
    assert submission.organisation == street and submission.submitted_by == user
    nominations = Nomination.objects.filter(campaign=campaign).order_by("nominee_name")
    assert [n.nominee_name for n in nominations] == ["王秀英", "赵建国"]
    for nomination in nominations:
        assert nomination.status == Status.PENDING_DISTRICT
        assert nomination.method == NominationMethod.ORGANISATION
        assert nomination.channel == NominationChannel.TERRITORIAL
        assert nomination.submission == submission and nomination.submitting_organisation == street
        assert nomination.jurisdiction == street
        nominator = nomination.nominators.get()
        assert nominator.organisation == street and nominator.user == user
        assert nominator.phone_masked == "138****5678"
    assert {n.category for n in nominations} == {"helping_others", "dedication"}
    assert nominations[1].gender == "male" and nominations[1].birth_year == 1975
    assert nominations[0].reveal_id_number() == FEMALE_ID
    new_files = media_files() - before
    assert new_files == {submission.document.path}
    with open(submission.document.path, "rb") as stored:
        assert stored.read() == PDF
    assert submission.document.name.endswith(".pdf") and "推荐文件" not in submission.document.name


def test_district_submission_goes_straight_to_the_city(campaign, jurisdictions, staff):
    hexi = jurisdictions["hexi"]
    submission = run(campaign, hexi, staff["hexi_reviewer"], [person(), second_person(**{"所属辖区/单位": "河西区"})])
    statuses = set(submission.nominations.values_list("status", flat=True))
    assert statuses == {Status.PENDING_CITY}
    assert all(n.forwarded_at for n in submission.nominations.all())


def test_nominee_already_nominated_is_merged(campaign, jurisdictions, staff):
    existing, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi_street"], id_number=FEMALE_ID))
    submission = run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [person(), second_person()])
    assert submission.row_count == 2
    assert submission.nominations.count() == 1
    assert Nomination.objects.count() == 2
    assert existing.nominators.count() == 2


def test_example_and_blank_rows_are_skipped_and_rows_keep_excel_numbers(campaign, jurisdictions, staff):
    rows = [person(), {}, {}, second_person(**{"身份证号码": "110105197503081234"})]
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], rows)
    assert [(p.row, p.column) for p in caught.value.report] == [(6, "身份证号码")]
    assert caught.value.names == {3: "王秀英", 6: "赵建国"}


def test_cells_typed_as_numbers_or_dates_are_read(campaign, jurisdictions, staff):
    row = person(出生年份="1968年", 推荐人手机号=13812345678)
    submission = run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [row])
    assert submission.nominations.get().birth_year == 1968


# Refused files --------------------------------------------------------------------------------


def _ineligible(campaign, jurisdictions):
    title = HeldTitle(person_name="王秀英", title="清河好人", level=Level.CITY, awarded_on=datetime.date(2024, 3, 1))
    title.set_id_number(FEMALE_ID)
    title.save()


def _narrow_categories(campaign, jurisdictions):
    campaign.categories = ["helping_others"]
    campaign.save()


def _quota_used(campaign, jurisdictions):
    intake.submit(
        campaign,
        nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq="111")),
        organisation=jurisdictions["hexi"],
        public=False,
    )


# case: (organisation, rows, expected (row, column) pairs, setup)
ROW_ERRORS = {
    "bad ID checksum": ("hexi_street", [person(身份证号码=FEMALE_ID[:17] + "0")], [(3, "身份证号码")], None),
    "ID with a bad birth date": ("hexi_street", [person(身份证号码="140105196813321234")], [(3, "身份证号码")], None),
    "ID typed as a number": ("hexi_street", [person(身份证号码=140105196805121234)], [(3, "身份证号码")], None),
    "bad phone": ("hexi_street", [person(推荐人手机号="1381234567")], [(3, "推荐人手机号")], None),
    "unknown category": ("hexi_street", [person(类别="乐于助人")], [(3, "类别")], None),
    "category not in campaign": ("hexi_street", [person(类别="见义勇为")], [(3, "类别")], _narrow_categories),
    "unknown jurisdiction": ("hexi_street", [person(**{"所属辖区/单位": "火星街道"})], [(3, "所属辖区/单位")], None),
    "jurisdiction outside the organisation": (
        "hexi_street",
        [person(**{"所属辖区/单位": "城关区府东街道"})],
        [(3, "所属辖区/单位")],
        None,
    ),
    "parent jurisdiction of the organisation": (
        "hexi_street",
        [person(**{"所属辖区/单位": "河西区"})],
        [(3, "所属辖区/单位")],
        None,
    ),
    "duplicate ID in the file": (
        "hexi_street",
        [person(), second_person(身份证号码=FEMALE_ID)],
        [(4, "身份证号码")],
        None,
    ),
    "story too short": ("hexi_street", [person(主要事迹="好人好事。")], [(3, "主要事迹")], None),
    "story with only markup": ("hexi_street", [person(主要事迹="<b></b>")], [(3, "主要事迹")], None),
    "missing name": ("hexi_street", [person(被推荐人姓名=None)], [(3, "被推荐人姓名")], None),
    "missing phone": ("hexi_street", [person(推荐人手机号=None)], [(3, "推荐人手机号")], None),
    "bad name": ("hexi_street", [person(被推荐人姓名="王1")], [(3, "被推荐人姓名")], None),
    "bad gender": ("hexi_street", [person(性别="F")], [(3, "性别")], None),
    "gender does not match ID": ("hexi_street", [person(性别="男")], [(3, "性别")], None),
    "birth year does not match ID": ("hexi_street", [person(出生年份=1970)], [(3, "出生年份")], None),
    "birth year not a year": ("hexi_street", [person(出生年份="六八年")], [(3, "出生年份")], None),
    "already holds the title": ("hexi_street", [person()], [(3, "身份证号码")], _ineligible),
    "several problems on several rows": (
        "hexi_street",
        [person(推荐人手机号="123"), second_person(), person(身份证号码=MALE_ID, 性别="男", 出生年份=1975)],
        [(3, "推荐人手机号"), (5, "身份证号码")],
        None,
    ),
    "quota exceeded": (
        "hexi",
        [person(), second_person(), person(身份证号码=make_id_number(seq="146"))],
        [(None, "名额")],
        None,
    ),
    "quota partly used": ("hexi", [person(), second_person()], [(None, "名额")], _quota_used),
}


@pytest.mark.parametrize("case", list(ROW_ERRORS))
def test_bad_row_is_reported_and_nothing_is_saved(case, campaign, jurisdictions, staff):
    organisation_key, rows, expected, setup = ROW_ERRORS[case]
    if setup:
        setup(campaign, jurisdictions)
    organisation = jurisdictions[organisation_key]
    before = snapshot()
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, organisation, staff["hexi_submitter"], rows)
    assert [(p.row, p.column) for p in caught.value.report] == expected
    assert all(p.message for p in caught.value.report)
    assert snapshot() == before


def workbook_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FILE_ERRORS = {
    "garbage bytes": ({"xlsx": os.urandom(2048)}, [(None, "推荐名单文件")]),
    "a zip that is not a workbook": ({"xlsx": b"PK\x03\x04" + b"\0" * 100}, [(None, "推荐名单文件")]),
    "a PDF instead of the list": ({"xlsx": PDF}, [(None, "推荐名单文件")]),
    "empty file": ({"xlsx": b""}, [(None, "推荐名单文件")]),
    "empty workbook": ({"xlsx": workbook_bytes([])}, [(None, "推荐名单文件")]),
    "wrong headers": ({"xlsx": workbook_bytes([["姓名", "电话"], ["王秀英", "13812345678"]])}, [(1, "表头")]),
    "only the example row": ({"rows": []}, [(None, "推荐名单文件")]),
    "PDF missing": ({"document": False}, [(None, "正式推荐文件")]),
    "document not a PDF": ({"document": pdf_upload(b"GIF89a fake", "seal.pdf")}, [(None, "正式推荐文件")]),
    "PDF too large": (
        {"document": pdf_upload(PDF + b"\0" * (imports.PDF_MAX_BYTES))},
        [(None, "正式推荐文件")],
    ),
    "bad list and bad PDF together": (
        {"xlsx": b"not a workbook", "document": pdf_upload(b"hello")},
        [(None, "推荐名单文件"), (None, "正式推荐文件")],
    ),
}


@pytest.mark.parametrize("case", list(FILE_ERRORS))
def test_bad_file_is_reported_and_nothing_is_saved(case, campaign, jurisdictions, staff):
    given, expected = FILE_ERRORS[case]
    street = jurisdictions["hexi_street"]
    xlsx = given.get("xlsx")
    if xlsx is None:
        xlsx = filled_template(campaign, given.get("rows", [person()]), street)
    document = given.get("document", pdf_upload()) or None
    before = snapshot()
    with pytest.raises(imports.ImportErrors) as caught:
        imports.import_submission(
            campaign, street, staff["hexi_submitter"], SimpleUploadedFile("x.xlsx", xlsx), document
        )
    assert [(p.row, p.column) for p in caught.value.report] == expected
    assert snapshot() == before


def test_wrong_headers_name_the_missing_columns(campaign, jurisdictions, staff):
    content = workbook_bytes([["被推荐人姓名", "性别"], ["王秀英", "女"]])
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], xlsx=content)
    assert "身份证号码" in caught.value.report[0].message and "推荐人手机号" in caught.value.report[0].message


def test_a_failure_while_writing_rolls_everything_back_and_removes_the_pdf(campaign, jurisdictions, staff, monkeypatch):
    real_submit, calls = intake.submit, []

    def failing_submit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ValidationError("模拟写入时出错。")
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(intake, "submit", failing_submit)
    before = snapshot()
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [person(), second_person()])
    assert [(p.row, p.message) for p in caught.value.report] == [(4, "模拟写入时出错。")]
    assert snapshot() == before


def test_private_data_stays_out_of_reports_and_logs(campaign, jurisdictions, staff, caplog):
    bad_id = FEMALE_ID[:17] + "0"
    rows = [person(身份证号码=bad_id, 推荐人手机号="1381234567"), second_person(推荐人手机号="23812345678")]
    caplog.set_level(logging.DEBUG)
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], rows)
    text = " ".join(caught.value.messages) + " ".join(map(str, caught.value.report)) + caplog.text
    for secret in (bad_id, MALE_ID, "1381234567", "23812345678", FEMALE_ID[:14]):
        assert secret not in text
    assert "第3行（王秀英）“身份证号码”" in caught.value.messages[0]

    caplog.clear()
    run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [person()])
    assert FEMALE_ID not in caplog.text and "13812345678" not in caplog.text


def test_import_errors_is_a_validation_error():
    error = imports.ImportErrors([imports.ImportProblem(3, "类别", "类别不对。")], {3: "王秀英"})
    assert isinstance(error, ValidationError)
    assert error.messages == ["第3行（王秀英）“类别”（G3单元格）：类别不对。"]
    assert tuple(error.report[0]) == (3, "类别", "类别不对。")


def test_gender_and_birth_year_left_empty_are_derived_from_the_id_number(campaign, jurisdictions, staff):
    run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [second_person(性别=None, 出生年份=None)])
    nomination = Nomination.objects.get()
    assert nomination.gender == "male" and nomination.birth_year == 1975


def test_the_report_points_at_each_bad_cell(campaign, jurisdictions, staff):
    rows = [person(), second_person(身份证号码="123", 推荐人手机号="12")]
    with pytest.raises(imports.ImportErrors) as caught:
        run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], rows)
    messages = caught.value.messages
    assert any(m.startswith("第4行（赵建国）“身份证号码”（D4单元格）") for m in messages), messages
    assert any("（J4单元格）" in m for m in messages), messages
    assert Nomination.objects.count() == 0  # one bad row stops the whole batch

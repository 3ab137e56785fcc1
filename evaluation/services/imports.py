"""Organisation bulk submission (组织推荐): the XLSX template and the all-or-nothing import.

A unit or district downloads the template of a campaign, fills one row per
nominee and uploads it with its sealed PDF document.  Every row is checked
before anything is written; one bad cell refuses the whole file with a
row-by-row report.  Reports and log lines name rows by number and nominee
name, never by ID number or phone.
"""

import datetime
import io
import logging
import zipfile
from typing import NamedTuple

import openpyxl
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from evaluation.choices import Gender, NominationChannel, NominationMethod, StageKind
from evaluation.exports import safe_cell
from evaluation.models import Jurisdiction, OrganisationSubmission
from evaluation.services import intake
from evaluation.services.quotas import check_quota
from evaluation.validators import validate_id_number
from evaluation.workflows.nomination import Status

logger = logging.getLogger(__name__)

LIST_SHEET = "推荐名单"
NOTES_SHEET = "填写说明"
EXAMPLE_PREFIX = "示例"
MAX_ROWS = 500
# What a sheet may declare before any row is read: the template's rows with room for blank lines.
MAX_SHEET_ROWS = 2000
MAX_SHEET_COLUMNS = 50
XLSX_MAX_BYTES = 5 * 1024 * 1024
# An .xlsx is a zip: its declared uncompressed size is checked so a small upload cannot unpack to gigabytes.
XLSX_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
CAMPAIGN_LABEL = "评选活动"
PDF_MAX_BYTES = 10 * 1024 * 1024
SPREADSHEET_LABEL = "推荐名单文件"
DOCUMENT_LABEL = "正式推荐文件"
QUOTA_LABEL = "名额"
GENDERS = {label: value for value, label in Gender.choices}


class Column(NamedTuple):
    key: str
    label: str
    required: bool
    width: int
    # Columns added for group nominations: files made from an older template lack them.
    optional_in_header: bool = False


COLUMNS = [
    Column("nominee_name", "被推荐人姓名", True, 14),
    Column("gender", "性别", False, 6),
    Column("birth_year", "出生年份", False, 10),
    Column("id_number", "身份证号码", False, 22),
    Column("jurisdiction", "所属辖区/单位", True, 22),
    Column("unit", "工作单位或身份", False, 22),
    Column("category", "类别", True, 12),
    Column("story", "主要事迹", True, 60),
    Column("nominator_name", "推荐人姓名", True, 12),
    Column("nominator_phone", "推荐人手机号", True, 16),
    Column("subject_kind", "推荐对象", False, 10, True),
    Column("members", "群体成员", False, 40, True),
    Column("contact_name", "群体联系人", False, 12, True),
    Column("contact_phone", "联系人手机号", False, 16, True),
]
LABELS = {c.key: c.label for c in COLUMNS}
REQUIRED_MARK = "*"  # after a required column's name in the header; the reader ignores it
LETTERS = {c.label: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
ALL_OR_NOTHING = (
    "任意一行有误时，整份名单都不会导入（一人也不导入），以免漏报或重复报送；"
    "系统会列出每个有误的单元格（如“第5行 D5单元格”），改正后重新上传整份名单即可。"
)


class ImportProblem(NamedTuple):
    """One problem: Excel row number (None for the whole file), column label, Chinese message."""

    row: int | None
    column: str
    message: str


class ImportErrors(ValidationError):
    """The file was refused; `report` lists every problem, `names` maps row numbers to nominee names."""

    def __init__(self, report, names=None):
        order = [CAMPAIGN_LABEL, SPREADSHEET_LABEL, DOCUMENT_LABEL, QUOTA_LABEL, *LABELS.values()]
        self.report = sorted(report, key=lambda p: (p.row or 0, order.index(p.column) if p.column in order else -1))
        self.names = dict(names or {})
        super().__init__([self.describe(p) for p in self.report], code="import")

    def describe(self, problem):
        where = ""
        if problem.row:
            name = self.names.get(problem.row)
            where = f"第{problem.row}行" + (f"（{name}）" if name else "")
        column = f"“{problem.column}”" if problem.column else ""
        if problem.row and problem.column in LETTERS:
            column += f"（{LETTERS[problem.column]}{problem.row}单元格）"
        return f"{where}{column}：{problem.message}" if where or column else problem.message


def organisation_jurisdictions(organisation=None):
    """Jurisdictions a row may name: the organisation and everything below it (all but the city without one)."""
    if organisation is not None:
        return Jurisdiction.objects.filter(path__startswith=organisation.path).order_by("path")
    return intake.jurisdiction_choices()


# Template ---------------------------------------------------------------------------------------


def _notes(campaign):
    categories = "、".join(label for _, label in campaign.category_choices)
    return {
        "nominee_name": "2至30个汉字或字母。",
        "gender": "填“男”或“女”，须与身份证号码一致；不填时按身份证号码推算。",
        "birth_year": "四位数字年份，例如1968，须与身份证号码一致；不填时按身份证号码推算。",
        "id_number": "推荐个人时必填：18位居民身份证号码，最后一位可为X。请保持文本格式，不要转成数字。群体不填。",
        "jurisdiction": "被推荐人所属的辖区/单位，填写本表G列“可选辖区/单位”中的名称（本单位或下级）。",
        "unit": "工作单位、职务或身份，例如“某社区居民”，不超过100字。",
        "category": f"本活动评选的类别之一：{categories}。",
        "story": f"主要事迹，{campaign.story_min_chars}至{campaign.story_max_chars}字，纯文本。",
        "nominator_name": "推荐单位联系人或推荐人姓名，不超过30字。",
        "nominator_phone": "11位手机号码，仅供工作人员核实，不公开。",
        "subject_kind": "填“个人”或“群体”；不填为个人。",
        "members": "推荐群体时填写，每行一人（单元格内按Alt+回车换行）：姓名，角色，身份证号码（选填）。",
        "contact_name": "推荐群体时填写群体联系人姓名。",
        "contact_phone": "推荐群体时填写联系人11位手机号码，不公开。",
    }


def build_template(campaign, organisation=None):
    """The XLSX template of `campaign` (jurisdiction list limited to `organisation`'s subtree if given)."""
    categories = [label for _, label in campaign.category_choices]
    # Jurisdiction names are typed by staff: keep them from running as formulas.
    names = organisation_jurisdictions(organisation).values_list("name", flat=True)
    jurisdictions = [safe_cell(name) for name in names]
    last_row = MAX_ROWS + 2
    bold = Font(bold=True)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LIST_SHEET
    sheet.append([c.label + (REQUIRED_MARK if c.required else "") for c in COLUMNS])
    example = {
        "nominee_name": f"{EXAMPLE_PREFIX}：张某某（本行不导入）",
        "gender": "女",
        "birth_year": 1968,
        "id_number": "18位身份证号码",
        "jurisdiction": jurisdictions[0] if jurisdictions else "辖区/单位名称",
        "unit": "某社区居民",
        "category": categories[0] if categories else "",
        "story": "按时间顺序写清主要事迹、持续时间和社会反响。",
        "nominator_name": "李某某",
        "nominator_phone": "11位手机号码",
        "subject_kind": "个人",
        "members": "",
        "contact_name": "",
        "contact_phone": "",
    }
    sheet.append([example[c.key] for c in COLUMNS])
    texts = _notes(campaign)
    for cell, column in zip(sheet[1], COLUMNS, strict=True):
        cell.font = Font(bold=True, color="C00000") if column.required else bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        need = "必填" if column.required else "选填"
        cell.comment = Comment(f"{column.label}（{need}）：{texts[column.key]}", "文明网", width=260, height=120)
    sheet["A1"].comment = Comment(
        f"列名带“{REQUIRED_MARK}”的为必填列，其余可不填。{ALL_OR_NOTHING}", "文明网", width=300, height=160
    )
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key in ("id_number", "nominator_phone", "contact_phone", "members"):
            for row in range(2, last_row + 1):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(NOTES_SHEET)
    notes.append(["列名", "是否必填", "填写要求", "", "可选类别", "可选性别", "可选辖区/单位"])
    lists = [categories, list(GENDERS), jurisdictions]
    general = [
        "",
        ("使用说明", "", f"列名带“{REQUIRED_MARK}”的为必填列；“性别”“出生年份”不填时按身份证号码推算。"),
        ("", "", f"第2行为示例：第一列以“{EXAMPLE_PREFIX}”开头的行不会导入，可保留或删除。"),
        ("", "", "请勿修改“推荐名单”表的第一行（列名），每位被推荐人填写一行。"),
        ("", "", f"一次最多报送{MAX_ROWS}人；本单位的报送名额以市文明办通知为准。"),
        ("", "", ALL_OR_NOTHING),
        ("", "", f"上传名单时须同时上传盖章的正式推荐文件（PDF，不超过{PDF_MAX_BYTES // 1024 // 1024} MB）。"),
        ("", "", "被推荐人已在本活动中被推荐的，系统会合并为同一条推荐记录。"),
    ]
    rows = [(c.label, "必填" if c.required else "选填", texts[c.key]) for c in COLUMNS] + general
    height = max(len(rows), *(len(values) for values in lists))
    for i in range(height):
        left = list(rows[i]) if i < len(rows) and rows[i] else ["", "", ""]
        right = [values[i] if i < len(values) else None for values in lists]
        notes.append([*left, None, *right])
    for cell in notes[1]:
        cell.font = bold
    for letter, width in zip("ABCDEFG", (14, 10, 70, 3, 12, 10, 28), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2, max_col=3):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")

    def dropdown(formula, label, column_key):
        letter = get_column_letter([c.key for c in COLUMNS].index(column_key) + 1)
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        validation.error = f"请从下拉列表中选择{label}。"
        validation.add(f"{letter}3:{letter}{last_row}")
        sheet.add_data_validation(validation)

    dropdown('"男,女"', "性别", "gender")
    if categories:
        dropdown(f"'{NOTES_SHEET}'!$E$2:$E${len(categories) + 1}", "类别", "category")
    if jurisdictions:
        dropdown(f"'{NOTES_SHEET}'!$G$2:$G${len(jurisdictions) + 1}", "辖区/单位", "jurisdiction")

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Reading ----------------------------------------------------------------------------------------


def _read_bytes(upload, limit):
    """The content of an upload (bytes, a Django File or a binary file object), or None if over `limit`."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    elif getattr(upload, "size", None) is not None and upload.size > limit:
        return None
    else:
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(limit + 1) or b""
    return None if len(data) > limit else data


def _check_document(document):
    """The PDF's bytes and the problems found with it."""
    if not document:
        return None, [ImportProblem(None, DOCUMENT_LABEL, "请上传盖章的正式推荐文件（PDF格式）。")]
    data = _read_bytes(document, PDF_MAX_BYTES)
    if data is None:
        return None, [
            ImportProblem(None, DOCUMENT_LABEL, f"文件超过{PDF_MAX_BYTES // 1024 // 1024} MB，请压缩后重新上传。")
        ]
    if not data.startswith(b"%PDF-"):
        return None, [ImportProblem(None, DOCUMENT_LABEL, "上传的文件不是PDF文件，请上传盖章推荐文件的PDF扫描件。")]
    return data, []


def _header_label(value):
    return str(value or "").strip().rstrip("*＊").replace("（必填）", "").strip()


def _read_rows(xlsx_file):
    """[(Excel row number, {column key: cell value})] of the data rows, or raise ImportErrors for the file."""

    def refuse(message, row=None, column=SPREADSHEET_LABEL):
        return ImportErrors([ImportProblem(row, column, message)])

    if not xlsx_file:
        raise refuse("请上传按模板填写的推荐名单（.xlsx）。")
    data = _read_bytes(xlsx_file, XLSX_MAX_BYTES)
    if data is None:
        raise refuse(f"文件超过{XLSX_MAX_BYTES // 1024 // 1024} MB，请分批报送。")
    not_xlsx = "上传的文件不是有效的Excel（.xlsx）文件，请下载本活动的模板填写后上传。"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise refuse(not_xlsx) from None
    if unpacked > XLSX_MAX_UNCOMPRESSED_BYTES:
        raise refuse(
            f"文件解压后超过{XLSX_MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB的上限，"
            "请只保留“推荐名单”表并删除多余内容后重新上传。"
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on damaged or foreign files
        raise refuse(not_xlsx) from None
    try:
        sheet = workbook[LIST_SHEET] if LIST_SHEET in workbook.sheetnames else workbook.worksheets[0]
        # The sheet's declared size (its <dimension>), before a single row is read.
        if (sheet.max_row or 0) > MAX_SHEET_ROWS or (sheet.max_column or 0) > MAX_SHEET_COLUMNS:
            raise refuse(
                f"表格范围为{sheet.max_row or 0}行、{sheet.max_column or 0}列，超过{MAX_SHEET_ROWS}行、"
                f"{MAX_SHEET_COLUMNS}列的上限。一次最多报送{MAX_ROWS}人，请删除多余的行列或分批上传。"
            )
        rows = sheet.iter_rows(values_only=True, max_row=MAX_SHEET_ROWS, max_col=MAX_SHEET_COLUMNS)
        header = [_header_label(v) for v in next(rows, ())]
        if not any(header):
            raise refuse("表格是空的，请在模板的“推荐名单”表中填写。")
        positions = {label: i for i, label in reversed(list(enumerate(header))) if label}
        missing = [c.label for c in COLUMNS if c.label not in positions and not c.optional_in_header]
        if missing:
            raise refuse(
                f"表头缺少以下列：{'、'.join(missing)}。请使用本活动的模板，不要修改第一行。", row=1, column="表头"
            )
        found = []
        for number, values in enumerate(rows, start=2):
            values = list(values) + [None] * len(header)
            cells = {c.key: values[positions[c.label]] if c.label in positions else None for c in COLUMNS}
            if all(v is None or str(v).strip() == "" for v in cells.values()):
                continue
            if str(cells["nominee_name"] or "").strip().startswith(EXAMPLE_PREFIX):
                continue
            found.append((number, cells))
            if len(found) > MAX_ROWS:
                raise refuse(f"一次最多报送{MAX_ROWS}人，请分批上传。")
    except ImportErrors:
        raise
    except Exception:
        raise refuse(not_xlsx) from None
    finally:
        workbook.close()
    if not found:
        raise refuse("名单中没有需要报送的人员（示例行不计入），请填写后重新上传。")
    return found


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# Checking ---------------------------------------------------------------------------------------


class _RowChecker:
    """Checks rows one by one; remembers ID numbers already seen in the file."""

    def __init__(self, campaign, organisation):
        self.campaign = campaign
        self.organisation = organisation
        self.by_name = {}
        for jurisdiction in Jurisdiction.objects.all():
            self.by_name.setdefault(jurisdiction.name, []).append(jurisdiction)
        self.seen_ids = {}

    def check(self, number, cells, problems):
        """A NominationData for a clean row; otherwise None, with problems appended.

        The rules are intake.clean's; this only reads cells and adds what is the file's own:
        ID numbers typed as numbers, names of jurisdictions, the same person twice.
        """
        row_problems, own = [], set()

        def problem(key, message):
            own.add(key)
            row_problems.append(ImportProblem(number, LABELS[key], message))

        raw = {key: _text(value) for key, value in cells.items()}
        if isinstance(cells["birth_year"], datetime.date):
            raw["birth_year"] = cells["birth_year"]
        else:
            raw["birth_year"] = raw["birth_year"].removesuffix("年")
        if isinstance(cells["id_number"], int | float):
            problem("id_number", "身份证号码被保存成了数字，末几位可能已丢失。请把该列设为文本格式后重新填写。")
        elif (first := self._first_row_with(raw["id_number"], number)) is not None:
            problem("id_number", f"与第{first}行的身份证号码重复，同一人只能填写一行。")
            raw["id_number"] = ""  # the person is the earlier row's: nothing more to say about this one
        raw["jurisdiction"] = self._jurisdiction(raw["jurisdiction"], problem) if raw["jurisdiction"] else None
        raw.update(method=NominationMethod.ORGANISATION, channel=NominationChannel.TERRITORIAL)
        data = None
        try:
            data = intake.clean(self.campaign, raw, public=False)
        except intake.NominationInvalid as exc:
            for key, messages in exc.errors.items():
                if key not in own:
                    row_problems.extend(ImportProblem(number, LABELS.get(key, ""), m) for m in messages)
        problems.extend(row_problems)
        return None if row_problems else data

    def _first_row_with(self, id_number, number):
        """The earlier row holding the same valid ID number, if any."""
        try:
            id_number = validate_id_number(id_number)
        except ValidationError:
            return None
        first = self.seen_ids.setdefault(id_number, number)
        return first if first != number else None

    def _jurisdiction(self, name, problem):
        candidates = self.by_name.get(name, [])
        inside = [j for j in candidates if j.path.startswith(self.organisation.path)]
        if not candidates:
            problem("jurisdiction", f"没有名为“{name}”的辖区/单位，请按“填写说明”中的名称填写。")
        elif not inside:
            problem("jurisdiction", f"“{name}”不属于{self.organisation.name}，只能报送本单位及下级的人员。")
        elif len(inside) > 1:
            problem("jurisdiction", f"有多个名为“{name}”的辖区/单位，请联系市文明办处理。")
        else:
            return inside[0]
        return None


# Import -----------------------------------------------------------------------------------------


def import_submission(campaign, organisation, user, xlsx_file, document):
    """Check every row, then save the submission and its nominations in one go; raise ImportErrors otherwise."""
    if not campaign.stage_is_open(StageKind.NOMINATION):
        stage = campaign.stage(StageKind.NOMINATION)
        when = f"（推荐时间为{stage.starts_on:%Y年%m月%d日}至{stage.ends_on:%Y年%m月%d日}）" if stage else ""
        raise ImportErrors(
            [ImportProblem(None, CAMPAIGN_LABEL, f"“{campaign}”当前不在推荐阶段{when}，不接受单位报送。")]
        )
    pdf, problems = _check_document(document)
    try:
        rows = _read_rows(xlsx_file)
    except ImportErrors as exc:
        problems.extend(exc.report)
        rows = []

    checker = _RowChecker(campaign, organisation)
    names, accepted = {}, []
    for number, cells in rows:
        names[number] = intake.neutralise(_text(cells["nominee_name"]))[:30]
        data = checker.check(number, cells, problems)
        if data is not None:
            accepted.append((number, data))

    to_city = bool(rows) and intake.first_status(organisation, organisation) == Status.PENDING_CITY
    if to_city:
        try:
            with transaction.atomic():  # reported with the other problems; checked again below under the lock
                check_quota(campaign, organisation, adding=len(rows))
        except ValidationError as exc:
            problems.extend(ImportProblem(None, QUOTA_LABEL, m) for m in exc.messages)

    if problems:
        logger.info(
            "Organisation import refused: campaign=%s organisation=%s rows=%d problems=%d",
            campaign.pk,
            organisation.pk,
            len(rows),
            len(problems),
        )
        raise ImportErrors(problems, names)

    submission = OrganisationSubmission(
        campaign=campaign,
        organisation=organisation,
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        row_count=len(accepted),
    )
    try:
        with transaction.atomic():
            if to_city:
                try:
                    check_quota(campaign, organisation, adding=len(rows))
                except ValidationError as exc:
                    raise ImportErrors([ImportProblem(None, QUOTA_LABEL, m) for m in exc.messages], names) from None
            submission.document.save("submission.pdf", ContentFile(pdf), save=False)
            submission.save()
            for number, data in accepted:
                try:
                    intake.submit(
                        campaign, data, actor=user, organisation=organisation, submission=submission, public=False
                    )
                except ValidationError as exc:
                    raise ImportErrors([ImportProblem(number, "", m) for m in exc.messages], names) from None
    except BaseException:
        # The rollback keeps the database clean; the stored PDF has to go by hand.
        if submission.document.name:
            submission.document.storage.delete(submission.document.name)
        raise
    logger.info(
        "Organisation submission %s saved: campaign=%s organisation=%s rows=%d",
        submission.pk,
        campaign.pk,
        organisation.pk,
        len(accepted),
    )
    return submission

"""The monthly package to the provincial office (seed 001 §三.2): the candidates recommended upward, as one archive.

For each candidate: the story (about 1,000 characters), at most two photos and a
row of the recommendation form.  The province's form asks for a contact phone, so
the nominator's phone is the one private field in it; ID numbers are not sent.
Building it is a private-data access and is logged as one.  The province collects
on the 25th: `due_date` says by when this month's package should go.
"""

import datetime
import io
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from evaluation import rules
from evaluation.choices import Level
from evaluation.exports import safe_cell
from evaluation.models import Nomination, PrivateDataAccess, Promotion, PromotionStatus
from evaluation.services import audit

DUE_DAY = 25
MAX_PHOTOS = 2
FORM_HEADINGS = [
    "序号",
    "姓名",
    "性别",
    "出生年份",
    "类别",
    "工作单位或身份",
    "所在县区",
    "已获荣誉",
    "推荐人",
    "推荐人联系电话",
    "事迹字数",
]


def due_date(month):
    """The day this month's package is due at the provincial office."""
    return month.replace(day=DUE_DAY)


def recommended(month):
    """Promotions to the provincial list proposed in `month` (any day of it), oldest first."""
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return (
        Promotion.objects.filter(
            target_level=Level.PROVINCE,
            status=PromotionStatus.PROPOSED,
            created_at__date__gte=start,
            created_at__date__lt=end,
        )
        .select_related("honour__nomination__jurisdiction__district")
        .prefetch_related("honour__nomination__nominators", "honour__nomination__photos")
        .order_by("created_at", "pk")
    )


def _form(promotions):
    book = Workbook()
    sheet = book.active
    sheet.title = "推荐表"
    sheet.append(FORM_HEADINGS)
    for seq, promotion in enumerate(promotions, start=1):
        nomination = promotion.honour.nomination
        nominator = next(iter(nomination.nominators.all()), None)
        district = nomination.jurisdiction.public_district
        row = [
            seq,
            nomination.nominee_name,
            nomination.get_gender_display(),
            nomination.birth_year,
            nomination.get_category_display(),
            nomination.unit,
            str(district) if district else "",
            promotion.honour.title,
            nominator.name if nominator else "",
            nominator.reveal_phone() if nominator else "",
            len(nomination.story),
        ]
        sheet.append([safe_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build(month, *, actor):
    """(file name, zip bytes) of `month`'s package; refused to anyone but city staff, or when nobody was put forward."""
    if not rules.can_view_private_data(actor):
        raise PermissionDenied("只有市文明办工作人员可以导出报送省文明办的材料。")
    promotions = list(recommended(month))
    if not promotions:
        raise ValidationError(f"{month.year}年{month.month}月没有推荐省级评选的候选人。")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("推荐表.xlsx", _form(promotions))
        for seq, promotion in enumerate(promotions, start=1):
            nomination = promotion.honour.nomination
            folder = f"{seq:02d}-{nomination.nominee_name}"
            archive.writestr(f"{folder}/事迹材料.txt", nomination.story)
            photos = sorted(nomination.photos.all(), key=lambda p: p.pk)[:MAX_PHOTOS]
            for n, photo in enumerate(photos, start=1):
                with photo.file.open("rb") as f:
                    archive.writestr(f"{folder}/照片{n}.jpg", f.read())
    audit.record_private_access(
        user=actor,
        purpose=PrivateDataAccess.Purpose.PROVINCE,
        model=Nomination,
        ids=[p.honour.nomination_id for p in promotions],
    )
    return f"报送省文明办-{month:%Y年%m月}.zip", out.getvalue()

"""Negative list (负面清单) and care and courtesy (关爱帮扶, 礼遇) records of an honour."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.storage import private_storage


class NegativeKind(models.TextChoices):
    WARNING_TALK = "warning_talk", "诫勉谈话"
    RECTIFICATION = "rectification", "责令整改"
    REVOCATION = "revocation", "撤销荣誉称号"


class NegativeGround(models.TextChoices):
    """The clauses a warning or a revocation rests on, as the rules list them (paraphrased).

    `办法` is the city's own procedure (seed 000, chapter 5, article 10); `礼遇管理` the
    courtesy scheme's 4 prohibitions and 6 exit clauses (seed 002), where it names them.
    """

    # Warnings (诫勉谈话, 责令整改)
    W_SPEECH = "w_speech", "〔办法·诫勉〕榜样意识淡薄、言论不当，造成负面影响"
    W_CONDUCT = "w_conduct", "〔办法·诫勉〕有违道德操守或公序良俗"
    W_PROFIT = "w_profit", "〔办法·诫勉〕借荣誉称号不当炒作或牟取商业利益"
    B_PROFIT = "b_profit", "〔礼遇管理·禁止〕以荣誉称号名义参加营利性社会活动"
    B_EXAMPLE = "b_example", "〔礼遇管理·禁止〕榜样意识不强"
    B_SPEECH = "b_speech", "〔礼遇管理·禁止〕发表不当言论，产生负面影响"
    B_OTHER = "b_other", "〔礼遇管理·禁止〕其他禁止情形"
    # Revocation (撤销荣誉称号, 收回证书和好人卡)
    R_UNREFORMED = "r_unreformed", "〔办法·撤销〕影响恶劣，或经诫勉警示仍不改正"
    R_FAKE = "r_fake", "〔办法·撤销〕事迹造假或隐瞒严重错误"
    R_CREDIT = "r_credit", "〔办法·撤销〕生产经营活动严重失信"
    R_POLICY = "r_policy", "〔办法·撤销〕违反环保、民族团结、税务、市场、安全生产等法规政策"
    R_VICE = "r_vice", "〔办法·撤销〕参与黄赌毒、封建迷信或非法宗教活动"
    R_DISCIPLINE = "r_discipline", "〔办法·撤销〕受到党纪政纪处分"
    R_CRIME = "r_crime", "〔办法·撤销〕有其他违法犯罪行为"
    R_OTHER = "r_other", "〔办法·撤销〕有其他不宜保留荣誉称号的行为"
    X_FAKE = "x_fake", "〔礼遇管理·退出〕先进事迹造假"
    X_CREDIT = "x_credit", "〔礼遇管理·退出〕生产经营活动严重失信"
    X_LAW = "x_law", "〔礼遇管理·退出〕违反国家法律法规"
    X_DISCIPLINE = "x_discipline", "〔礼遇管理·退出〕受到党纪政纪处分"
    X_OTHER = "x_other", "〔礼遇管理·退出〕其他退出情形"

    @classmethod
    def for_kind(cls, kind):
        """The grounds a record of `kind` may cite: warning clauses for warnings, revocation clauses otherwise."""
        prefixes = ("r_", "x_") if kind == NegativeKind.REVOCATION else ("w_", "b_")
        return [g for g in cls if g.value.startswith(prefixes)]


def negative_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evaluation/negative/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


class NegativeRecord(models.Model):
    """A warning or a revocation, with the nominating unit's report (谁推荐谁负责)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="negative_records"
    )
    kind = models.CharField("类型", max_length=20, choices=NegativeKind.choices)
    # Blank only on records made before the clauses were listed; the service requires one.
    ground = models.CharField("依据条款", max_length=20, choices=NegativeGround.choices, blank=True)
    reason = models.TextField("事由", help_text="核实的事实和补充说明。")
    decided_on = models.DateField("决定日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    reporting_unit = models.ForeignKey(
        "evaluation.Jurisdiction",
        verbose_name="推荐单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_report = models.TextField("推荐单位情况报告")
    evidence = models.FileField("证据材料", upload_to=negative_file_path, storage=private_storage, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "负面清单"
        verbose_name_plural = "负面清单"

    def __str__(self):
        return f"{self.honour.name}·{self.get_kind_display()}"


class ReportStatus(models.TextChoices):
    PENDING = "pending", "待市文明办审批"
    APPROVED = "approved", "已批准撤销"
    DISMISSED = "dismissed", "不予撤销"


class RevocationReport(models.Model):
    """The recommending district's or unit's investigation report asking the city to revoke a title (谁推荐谁负责)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="revocation_reports"
    )
    ground = models.CharField("依据条款", max_length=20, choices=NegativeGround.choices)
    facts = models.TextField("调查情况", help_text="核实的事实、经过和证据。")
    reporting_unit = models.ForeignKey(
        "evaluation.Jurisdiction", verbose_name="报告单位", null=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报告人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField("报告时间", auto_now_add=True)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_note = models.TextField("审批意见", blank=True)
    negative_record = models.OneToOneField(
        NegativeRecord, verbose_name="撤销记录", null=True, blank=True, on_delete=models.PROTECT, related_name="report"
    )

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = "撤销荣誉报告"
        verbose_name_plural = "撤销荣誉报告"

    def __str__(self):
        return f"{self.honour.name}·撤销荣誉报告（{self.get_status_display()}）"


class CourtesyArea(models.Model):
    """A courtesy the city offers holders of the 好人卡 (transport, health checks, scenic sites…), edited as data."""

    name = models.CharField("礼遇项目", max_length=50, unique=True)
    description = models.CharField("说明", max_length=200, blank=True)
    active = models.BooleanField("提供中", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "礼遇项目"
        verbose_name_plural = "礼遇项目"

    def __str__(self):
        return self.name


class CareCardStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    RECALLED = "recalled", "已收回"


class CareCard(models.Model):
    """A 好人卡 issued to an honouree: valid until a date, renewed, or recalled (e.g. with a revocation)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="care_cards"
    )
    number = models.CharField("卡号", max_length=50, unique=True)
    areas = models.ManyToManyField(CourtesyArea, verbose_name="礼遇项目", blank=True, related_name="cards")
    issued_on = models.DateField("发放日期", default=timezone.localdate)
    valid_until = models.DateField("有效期至")
    status = models.CharField("状态", max_length=10, choices=CareCardStatus.choices, default=CareCardStatus.ACTIVE)
    recalled_on = models.DateField("收回日期", null=True, blank=True)
    recall_reason = models.CharField("收回原因", max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发放人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "好人卡"
        verbose_name_plural = "好人卡"

    def __str__(self):
        return f"{self.number}（{self.honour.name}）"


class CareKind(models.TextChoices):
    CONTACT = "contact", "联系回访"
    VISIT = "visit", "走访慰问"
    JOB_CHANGE = "job_change", "工作变动"
    RESIDENCE_CHANGE = "residence_change", "居住地变动"
    DECEASED = "deceased", "去世"
    AID = "aid", "帮扶救助"
    BENEFIT = "benefit", "礼遇待遇"


class CareRecord(models.Model):
    """One entry of an honouree's care log; staff-only (it may hold addresses and health)."""

    honour = models.ForeignKey(
        "evaluation.Honour", verbose_name="入选者", on_delete=models.PROTECT, related_name="care_records"
    )
    kind = models.CharField("类型", max_length=20, choices=CareKind.choices)
    happened_on = models.DateField("日期", default=timezone.localdate)
    note = models.TextField("情况记录", blank=True)
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    card_number = models.CharField("好人卡号", max_length=50, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = "关爱帮扶记录"
        verbose_name_plural = "关爱帮扶记录"

    def __str__(self):
        return f"{self.honour.name}·{self.get_kind_display()}（{self.happened_on:%Y-%m-%d}）"

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.images import get_image_model_string
from wagtail.search import index

from evaluation.choices import (
    Category,
    Gender,
    Level,
    NominationChannel,
    NominationMethod,
    PriorityDeed,
    SubjectKind,
    Verdict,
)
from evaluation.privacy import crypto
from evaluation.workflows.nomination import Status, Step
from portal.storage import private_storage
from search.segmentation import segment_for_index

from .private import ProtectedIdNumber

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_tracking_number():
    """Short, unguessable, easy to read aloud (no 0/O, 1/I)."""
    return timezone.localdate().strftime("%y%m") + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


class NominationQuerySet(models.QuerySet):
    def candidates(self, campaign):
        """The campaign's public candidates: accepted, and the nominee agreed to publication."""
        return self.filter(campaign=campaign, status=Status.ACCEPTED, consent_given=True)

    def in_jurisdiction(self, jurisdiction):
        """Nominations handled in `jurisdiction` or anywhere below it."""
        return self.filter(jurisdiction__path__startswith=jurisdiction.path)

    def forwarded_to_city(self):
        """Nominations a district/unit has passed on (they count against its quota)."""
        return self.filter(status__in=Status.forwarded())


class Nomination(ProtectedIdNumber, index.Indexed, models.Model):
    """One nominee in one campaign, with every nominator who put them forward."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="nominations"
    )
    tracking_number = models.CharField(
        "查询编号", max_length=20, unique=True, default=new_tracking_number, editable=False
    )
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.PENDING_GRASSROOTS)
    returned_from = models.CharField("退回环节", max_length=20, choices=Step.choices, blank=True)
    method = models.CharField("推荐方式", max_length=20, choices=NominationMethod.choices)
    channel = models.CharField("推荐渠道", max_length=20, choices=NominationChannel.choices)
    category = models.CharField("类别", max_length=30, choices=Category.choices)
    subject_kind = models.CharField("推荐对象", max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON)

    nominee_name = models.CharField("被推荐人姓名", max_length=50, help_text="群体推荐时为群体名称。")
    # A group (群体) has no gender, birth year or ID number of its own: its members do (GroupMember).
    gender = models.CharField("性别", max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("出生年份", null=True, blank=True)
    jurisdiction = models.ForeignKey(
        "evaluation.Jurisdiction", verbose_name="所属辖区/单位", on_delete=models.PROTECT, related_name="nominations"
    )
    unit = models.CharField("工作单位或身份", max_length=100, blank=True)
    priority_deed = models.CharField(
        "优先评选（危机中的突出表现）",
        max_length=20,
        choices=PriorityDeed.choices,
        blank=True,
        help_text="疫情防控、抢险救灾等危机中表现突出的，可优先评选；在审核和排名中标出。",
    )
    story = models.TextField("主要事迹")
    contact_name = models.CharField("群体联系人", max_length=30, blank=True)
    contact_phone_masked = models.CharField("联系人电话", max_length=20, blank=True, editable=False)
    contact_phone_cipher = models.TextField(blank=True, editable=False)

    consent_given = models.BooleanField("本人已同意公开", default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="同意记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField("同意记录时间", null=True, blank=True)
    consent_note = models.CharField("同意方式说明", max_length=200, blank=True)

    submitting_organisation = models.ForeignKey(
        "evaluation.Jurisdiction",
        verbose_name="报送单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submission = models.ForeignKey(
        "evaluation.OrganisationSubmission",
        verbose_name="报送批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    reserve_entry = models.ForeignKey(
        "evaluation.ReserveEntry",
        verbose_name="来自储备库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forwarded_at = models.DateTimeField("报送市文明办时间", null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = NominationQuerySet.as_manager()

    search_fields = [index.SearchField("search_text"), index.FilterField("status"), index.FilterField("campaign_id")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "推荐"
        verbose_name_plural = "推荐"
        constraints = [
            # Groups carry no ID number: one nomination per person, any number of groups.
            models.UniqueConstraint(
                fields=["campaign", "id_number_hash"],
                condition=~models.Q(id_number_hash=""),
                name="one_nomination_per_nominee",
            )
        ]

    def __str__(self):
        return f"{self.nominee_name}（{self.tracking_number}）"

    @property
    def is_group(self):
        return self.subject_kind == SubjectKind.COLLECTIVE

    def set_contact_phone(self, value):
        self.contact_phone_masked = crypto.mask_phone(value) if value else ""
        self.contact_phone_cipher = crypto.encrypt(value) if value else ""

    def reveal_contact_phone(self):
        return crypto.decrypt(self.contact_phone_cipher, record=self, field="contact_phone")

    def save(self, *args, **kwargs):
        self.search_text = segment_for_index(self.nominee_name, self.unit, self.story)
        super().save(*args, **kwargs)

    @property
    def nominator_list(self):
        """Nominators with masked phones (staff exports)."""
        return "；".join(f"{n.name}（{n.phone_masked}）" for n in self.nominators.all())


class GroupMember(ProtectedIdNumber, models.Model):
    """A member of a nominated group, with the role they play in it; the ID number is optional."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("姓名", max_length=30)
    role = models.CharField("角色", max_length=30, blank=True, help_text="例如：队长、队员、母亲。")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "群体成员"
        verbose_name_plural = "群体成员"

    def __str__(self):
        return f"{self.name}（{self.role}）" if self.role else self.name


class Nominator(models.Model):
    """Someone who put the nominee forward; duplicates of a nominee keep all of them."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="nominators")
    name = models.CharField("推荐人姓名", max_length=50)
    receipt_number = models.CharField(
        "回执编号", max_length=20, unique=True, default=new_tracking_number, editable=False
    )
    phone_hash = models.CharField(max_length=64, editable=False, db_index=True)
    phone_masked = models.CharField("联系电话", max_length=20, editable=False)
    phone_cipher = models.TextField(editable=False)
    method = models.CharField("推荐方式", max_length=20, choices=NominationMethod.choices)
    channel = models.CharField("推荐渠道", max_length=20, choices=NominationChannel.choices)
    organisation = models.ForeignKey(
        "evaluation.Jurisdiction",
        verbose_name="推荐单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    story = models.TextField("该推荐人提交的事迹", blank=True)
    created_at = models.DateTimeField("推荐时间", auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "推荐人"
        verbose_name_plural = "推荐人"

    def __str__(self):
        return self.name

    def set_phone(self, value):
        self.phone_hash = crypto.keyed_hash(value)
        self.phone_masked = crypto.mask_phone(value)
        self.phone_cipher = crypto.encrypt(value)

    def reveal_phone(self):
        return crypto.decrypt(self.phone_cipher, record=self, field="phone")

    @property
    def is_original(self):
        """The nominator whose submission created the nomination (their receipt is its tracking number)."""
        return self.receipt_number == self.nomination.tracking_number


def photo_path(instance, filename):
    return f"evaluation/photos/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.jpg"


class NominationPhoto(models.Model):
    """A photo checked by content, re-encoded as JPEG and stripped of metadata.

    The upload stays in private storage; public pages show `public_image`, a
    copy made once the nominee is a public candidate (services/candidate_photos.py).
    """

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(
        "照片", upload_to=photo_path, storage=private_storage, width_field="width", height_field="height"
    )
    public_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name="公开展示用照片",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "照片"
        verbose_name_plural = "照片"

    def __str__(self):
        return f"{self.nomination_id}·{self.width}×{self.height}"


class DepartmentOpinion(models.Model):
    """A department's opinion on a nominee, recorded at the district step."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="opinions")
    department = models.CharField("部门", max_length=50)
    verdict = models.CharField("意见", max_length=10, choices=Verdict.choices)
    note = models.CharField("说明", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "部门意见"
        verbose_name_plural = "部门意见"
        constraints = [models.UniqueConstraint(fields=["nomination", "department"], name="one_opinion_per_department")]

    def __str__(self):
        return f"{self.department}：{self.get_verdict_display()}"


class HeldTitle(ProtectedIdNumber, models.Model):
    """An honour a person already holds; used to refuse ineligible nominations."""

    person_name = models.CharField("姓名", max_length=50)
    title = models.CharField("荣誉称号", max_length=100)
    level = models.CharField("级别", max_length=20, choices=Level.choices)
    awarded_on = models.DateField("授予日期")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "已获荣誉"
        verbose_name_plural = "已获荣誉"

    def __str__(self):
        return f"{self.person_name}·{self.title}"

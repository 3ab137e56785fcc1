"""Site inspection (实地考察) of shortlisted candidates: who went, when, what they found, the verdict."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from evaluation.choices import InspectionVerdict
from portal.storage import private_storage


class Inspection(ClusterableModel):
    """The inspection of one shortlisted candidate of a campaign."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="inspections"
    )
    nomination = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="inspections"
    )
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="考察人员", related_name="inspections")
    scheduled_on = models.DateField("考察日期")
    findings = models.TextField("考察情况", blank=True)
    verdict = models.CharField(
        "考察结论", max_length=10, choices=InspectionVerdict.choices, default=InspectionVerdict.PENDING
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="安排人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("安排时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("scheduled_on"), FieldPanel("verdict")]),
        FieldPanel("inspectors"),
        FieldPanel("findings"),
        InlinePanel("photos", label="考察照片"),
    ]

    class Meta:
        ordering = ["campaign", "scheduled_on"]
        verbose_name = "实地考察"
        verbose_name_plural = "实地考察"
        constraints = [models.UniqueConstraint(fields=["campaign", "nomination"], name="one_inspection_per_candidate")]

    def __str__(self):
        return f"{self.nomination.nominee_name}·实地考察（{self.scheduled_on:%Y-%m-%d}）"


def inspection_photo_path(instance, filename):
    return f"evaluation/inspections/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.jpg"


class InspectionPhoto(Orderable):
    """A photo taken on site; kept in private storage and served to city staff and the inspectors only."""

    inspection = ParentalKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField("照片", upload_to=inspection_photo_path, storage=private_storage)
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("file"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "考察照片"
        verbose_name_plural = "考察照片"

    def __str__(self):
        return self.caption or f"考察照片{self.pk}"

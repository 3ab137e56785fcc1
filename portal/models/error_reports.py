"""Error reports (我要纠错) filed by visitors about a public page, handled by staff."""

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, ExpressionWrapper, F, Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class ErrorReportStatus(models.TextChoices):
    NEW = "new", "待处理"
    IN_PROGRESS = "in_progress", "处理中"
    RESOLVED = "resolved", "已处理"
    REJECTED = "rejected", "不予采纳"


CLOSED_STATUSES = (ErrorReportStatus.RESOLVED, ErrorReportStatus.REJECTED)


class ErrorReportQuerySet(models.QuerySet):
    def open(self):
        """Reports nobody has closed yet."""
        return self.exclude(status__in=CLOSED_STATUSES)

    def summary(self):
        """Counts per status and the average time from filing to the first reply."""
        counts = self.aggregate(
            total=Count("pk"),
            **{status.value: Count("pk", filter=Q(status=status)) for status in ErrorReportStatus},
        )
        response = ExpressionWrapper(F("replied_at") - F("created_at"), output_field=models.DurationField())
        counts["average_response"] = self.filter(replied_at__isnull=False).aggregate(value=Avg(response))["value"]
        return counts


class ErrorReport(models.Model):
    page_url = models.CharField("页面地址", max_length=500)
    description = models.TextField("问题描述", max_length=1000)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=ErrorReportStatus.choices, default=ErrorReportStatus.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField("处理答复", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)

    objects = ErrorReportQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("page_url", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("contact", read_only=True),
            ],
            heading="网民报告",
        ),
        MultiFieldPanel([FieldPanel("assignee"), FieldPanel("status"), FieldPanel("reply")], heading="处理"),
    ]

    class Meta:
        verbose_name = "纠错报告"
        verbose_name_plural = "纠错报告"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_url}（{self.get_status_display()}）"

    def save(self, *args, **kwargs):
        # The response time runs until staff first answer or close the report.
        if self.replied_at is None and (self.reply.strip() or self.status in CLOSED_STATUSES):
            self.replied_at = timezone.now()
        super().save(*args, **kwargs)

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.storage import private_storage


def submission_path(instance, filename):
    return f"evaluation/submissions/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.pdf"


class OrganisationSubmission(models.Model):
    """A unit's or district's bulk submission: the XLSX list plus the sealed PDF document."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "evaluation.Jurisdiction", verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    document = models.FileField("正式推荐文件（盖章PDF）", upload_to=submission_path, storage=private_storage)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    row_count = models.PositiveIntegerField("人数", default=0)
    created_at = models.DateTimeField("报送时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "单位报送"
        verbose_name_plural = "单位报送"

    def __str__(self):
        return f"{self.organisation}·{self.created_at:%Y-%m-%d}"

from django.conf import settings
from django.db import models


class Approval(models.Model):
    """The committee's approval (文明委审批) of a campaign's honourees, with its document number."""

    campaign = models.OneToOneField(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="approval"
    )
    document_number = models.CharField("批复文号", max_length=100)
    approved_on = models.DateField("批复日期")
    nominations = models.ManyToManyField("evaluation.Nomination", verbose_name="批准入选人员", related_name="+")
    note = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "文明委审批"
        verbose_name_plural = "文明委审批"

    def __str__(self):
        return f"{self.campaign}（{self.document_number}）"

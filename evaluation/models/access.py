from django.conf import settings
from django.db import models


class PrivateDataAccess(models.Model):
    """Append-only record of a full ID number or phone shown or exported: who, when, where, which records."""

    class Purpose(models.TextChoices):
        INSPECT = "inspect", "查看推荐详情"
        EXPORT = "export", "导出推荐名单"
        API = "api", "审核接口"
        PROVINCE = "province", "报送省文明办"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField("场景", max_length=20, choices=Purpose.choices)
    model = models.CharField("数据类型", max_length=50)
    record_ids = models.JSONField("记录编号", default=list)
    record_count = models.PositiveIntegerField("记录数", default=0)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user} {self.get_purpose_display()}（{self.record_count}条）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("查看记录只能新增，不能修改。")
        super().save(*args, **kwargs)

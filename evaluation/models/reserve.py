from django.conf import settings
from django.db import models
from wagtail.search import index

from evaluation.choices import Category, Level
from evaluation.privacy import crypto
from search.segmentation import segment_for_index

from .private import ProtectedIdNumber


class ReserveEntry(ProtectedIdNumber, index.Indexed, models.Model):
    """A person kept on file (储备库) by category and level, for a later campaign."""

    class Intake(models.TextChoices):
        NOMINATION = "nomination", "往期推荐"
        EMAIL = "email", "电子邮件"
        PHONE = "phone", "电话"
        STAFF = "staff", "工作人员登记"

    name = models.CharField("姓名", max_length=50)
    category = models.CharField("类别", max_length=30, choices=Category.choices)
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.CITY)
    jurisdiction = models.ForeignKey(
        "evaluation.Jurisdiction",
        verbose_name="所属辖区/单位",
        on_delete=models.PROTECT,
        related_name="reserve_entries",
    )
    unit = models.CharField("工作单位或身份", max_length=100, blank=True)
    story = models.TextField("事迹")
    intake = models.CharField("来源", max_length=20, choices=Intake.choices, default=Intake.STAFF)
    contact_masked = models.CharField("联系方式", max_length=100, blank=True, editable=False)
    contact_cipher = models.TextField(blank=True, editable=False)
    source_nomination = models.ForeignKey(
        "evaluation.Nomination",
        verbose_name="原推荐",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carried_into = models.ForeignKey(
        "evaluation.Nomination",
        verbose_name="已转入推荐",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("入库时间", auto_now_add=True)

    search_fields = [index.SearchField("search_text"), index.FilterField("category"), index.FilterField("level")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "储备库人选"
        verbose_name_plural = "储备库"
        constraints = [
            # One entry on file per person; a carried entry may be kept on file again later.
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=models.Q(carried_into__isnull=True) & ~models.Q(id_number_hash=""),
                name="one_reserve_entry_on_file_per_person",
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.get_category_display()}）"

    def save(self, *args, **kwargs):
        self.search_text = segment_for_index(self.name, self.unit, self.story)
        super().save(*args, **kwargs)

    def set_contact(self, value, intake):
        value = (value or "").strip()
        if intake == self.Intake.PHONE or value.isdigit():
            self.contact_masked = crypto.mask_phone(value)
        elif "@" in value:
            local, _, domain = value.partition("@")
            self.contact_masked = f"{local[:1]}***@{domain}"
        else:
            self.contact_masked = crypto.mask_phone(value)
        self.contact_cipher = crypto.encrypt(value)

    def reveal_contact(self):
        """The full contact: call only after rules.can_view_private_data."""
        return crypto.decrypt(self.contact_cipher, record=self, field="contact")

"""Public comments on candidates (评议留言) and the sensitive-word list that screens them."""

from django.conf import settings
from django.db import models


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"
    REPORTED = "reported", "被举报待复核"


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments the public may read: approved by a moderator."""
        return self.filter(status=CommentStatus.APPROVED)

    def awaiting_moderation(self):
        """New and reported comments, for the moderators' queue."""
        return self.filter(status__in=[CommentStatus.PENDING, CommentStatus.REPORTED])


class Comment(models.Model):
    """One visitor's comment on a candidate, shown only after a moderator approves it."""

    BODY_MAX_CHARS = 300
    DEFAULT_NAME = "网友"

    candidate = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField("留言内容", max_length=BODY_MAX_CHARS)
    display_name = models.CharField("署名", max_length=20, blank=True, default=DEFAULT_NAME)
    status = models.CharField(
        "状态", max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    finding = models.CharField("敏感词提示", max_length=200, blank=True, editable=False)
    # Keyed hash of the visitor's address group: enough to spot a flood, never the address itself.
    address_hash = models.CharField("来源标识", max_length=64, blank=True, editable=False)
    report_count = models.PositiveIntegerField("举报次数", default=0, editable=False)
    created_at = models.DateTimeField("留言时间", auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "评议留言"
        verbose_name_plural = "评议留言"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.display_name or self.DEFAULT_NAME}：{self.body[:20]}"

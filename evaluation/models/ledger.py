"""The vote ledger: an append-only, hash-chained log per campaign and its published checkpoints.

Rows are only ever inserted (services/ledger.py); a vote made invalid gets a
new status entry, its original entry stays.
"""

from django.db import models


class LedgerHead(models.Model):
    """The tip of a campaign's log: its size and the last chain hash. Locked to append."""

    campaign = models.OneToOneField("evaluation.Campaign", on_delete=models.CASCADE, related_name="ledger_head")
    size = models.PositiveBigIntegerField(default=0)
    chain_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "投票账本"
        verbose_name_plural = "投票账本"

    def __str__(self):
        return f"{self.campaign_id}:{self.size}"


class LedgerEntry(models.Model):
    """One record of the log: a vote or a later status change, without personal data."""

    class Kind(models.TextChoices):
        VOTE = "vote", "投票"
        STATUS = "status", "状态变更"

    campaign = models.ForeignKey("evaluation.Campaign", on_delete=models.PROTECT, related_name="ledger_entries")
    index = models.PositiveBigIntegerField("序号")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    vote = models.ForeignKey(
        "evaluation.Vote", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    record = models.TextField("记录（规范 JSON）")
    leaf_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "账本记录"
        verbose_name_plural = "账本记录"
        ordering = ["campaign", "index"]
        constraints = [models.UniqueConstraint(fields=["campaign", "index"], name="one_ledger_entry_per_index")]

    def __str__(self):
        return f"{self.campaign_id}#{self.index}"


class LedgerCheckpoint(models.Model):
    """A published Merkle root of the first `size` entries of a campaign's log."""

    class Reason(models.TextChoices):
        DAILY = "daily", "每日公布"
        CLOSE = "close", "投票结束"
        MANUAL = "manual", "手动公布"

    campaign = models.ForeignKey("evaluation.Campaign", on_delete=models.CASCADE, related_name="ledger_checkpoints")
    size = models.PositiveBigIntegerField("记录数")
    root = models.CharField("根哈希", max_length=64)
    chain_hash = models.CharField("链尾哈希", max_length=64)
    reason = models.CharField("公布原因", max_length=10, choices=Reason.choices)
    published_at = models.DateTimeField("公布时间", auto_now_add=True)

    class Meta:
        verbose_name = "账本检查点"
        verbose_name_plural = "账本检查点"
        ordering = ["-published_at", "-size"]

    def __str__(self):
        return f"{self.campaign_id}:{self.size}:{self.root[:12]}"

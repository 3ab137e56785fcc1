"""Brushing (刷票) findings: which detector flagged which votes, on what evidence, and what staff decided.

The evidence holds counts, times and keyed hashes only, never an address, a phone
or a fingerprint. Flagged votes are quarantined through the voting service, never
deleted; staff confirm a finding (its votes become invalid) or release it (valid again).
"""

from django.conf import settings
from django.db import models


class Detector(models.TextChoices):
    BURST = "burst", "短时集中投票"
    ADDRESS = "address", "同一网络地址多人投票"
    SUBNET = "subnet", "同一网段多人投票"
    DEVICE = "device", "同一设备特征多人投票"
    PHONE_SEQUENCE = "phone_sequence", "连号手机号投票"
    REGULAR_TIMING = "regular_timing", "机器式等间隔投票"
    CROSS_CAMPAIGN = "cross_campaign", "同一投票人跨多个活动投票"


class SuspicionStatus(models.TextChoices):
    OPEN = "open", "待核查"
    CONFIRMED = "confirmed", "已确认刷票"
    RELEASED = "released", "已解除"


class VoteSuspicionQuerySet(models.QuerySet):
    def open(self):
        """Findings still waiting for a staff decision."""
        return self.filter(status=SuspicionStatus.OPEN)


class VoteSuspicion(models.Model):
    """One detector's finding in one campaign: a group of votes (by one key) and the evidence against it."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="vote_suspicions"
    )
    detector = models.CharField("检测规则", max_length=20, choices=Detector.choices)
    key = models.CharField("分组标识（摘要）", max_length=80, help_text="候选人与时段、地址摘要等；不含个人信息。")
    evidence = models.JSONField("证据", default=dict)
    votes = models.ManyToManyField("evaluation.Vote", verbose_name="涉及投票", related_name="suspicions")
    vote_count = models.PositiveIntegerField("涉及票数", default=0)
    status = models.CharField("处理状态", max_length=10, choices=SuspicionStatus.choices, default=SuspicionStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    created_at = models.DateTimeField("发现时间", auto_now_add=True)
    updated_at = models.DateTimeField("最近更新", auto_now=True)

    objects = VoteSuspicionQuerySet.as_manager()

    class Meta:
        verbose_name = "刷票预警"
        verbose_name_plural = "刷票预警"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["campaign", "status"], name="suspicion_campaign_status_idx")]

    def __str__(self):
        return f"{self.get_detector_display()}·{self.vote_count}票"

"""Public voting (网络投票): a campaign's rules, the voters it knows and the votes they cast.

A vote is one row under a unique natural key (campaign, candidate, voter, day);
displayed counts are aggregates over rows, never a counter that is read, changed
and written back. Voters are known only by keyed hashes of their identity.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from evaluation.choices import CountsDisplay, IdentityMode, VoteStatus


class VotingRules(models.Model):
    """How a campaign's public vote identifies voters, what it allows and when counts are shown."""

    campaign = ParentalKey("evaluation.Campaign", on_delete=models.CASCADE, related_name="voting_rules")
    identity_mode = models.CharField(
        "投票身份方式", max_length=10, choices=IdentityMode.choices, default=IdentityMode.DEVICE
    )
    per_day_total = models.PositiveSmallIntegerField(
        "每人每天最多投票数", default=10, help_text="对所有候选人合计；0 表示不限。"
    )
    per_category_per_day = models.PositiveSmallIntegerField(
        "每人每天每个类别最多投票数", default=0, help_text="0 表示不限。"
    )
    min_interval_seconds = models.PositiveIntegerField(
        "两次投票最短间隔（秒）", default=0, help_text="同一投票人两次投票之间至少间隔的秒数；0 表示不限。"
    )
    captcha_after = models.PositiveSmallIntegerField(
        "每天投满几票后需图片验证码", default=0, help_text="0 表示不需要验证码。"
    )
    counts_display = models.CharField(
        "票数显示方式", max_length=10, choices=CountsDisplay.choices, default=CountsDisplay.LIVE
    )
    snapshot_hour = models.PositiveSmallIntegerField(
        "每日公布票数的时间（时）",
        default=20,
        validators=[MaxValueValidator(23)],
        help_text="“每日定时公布”时，每天此时公布截至此时的票数（0–23）。",
    )

    panels = [
        FieldPanel("identity_mode"),
        FieldRowPanel([FieldPanel("per_day_total"), FieldPanel("per_category_per_day")]),
        FieldRowPanel([FieldPanel("min_interval_seconds"), FieldPanel("captcha_after")]),
        FieldRowPanel([FieldPanel("counts_display"), FieldPanel("snapshot_hour")]),
    ]

    # One vote per voter per candidate per day is the natural key of Vote, not a setting.
    PER_CANDIDATE_PER_DAY = 1

    class Meta:
        verbose_name = "投票规则"
        verbose_name_plural = "投票规则"
        constraints = [models.UniqueConstraint(fields=["campaign"], name="one_voting_rules_per_campaign")]

    def __str__(self):
        return f"{self.get_identity_mode_display()}·{self.get_counts_display_display()}"

    def clean(self):
        if self.snapshot_hour is not None and self.snapshot_hour > 23:
            raise ValidationError({"snapshot_hour": "请输入 0 到 23 之间的整点。"})

    def latest_snapshot_cutoff(self, now=None):
        """The most recent publication time (today's or yesterday's set hour), as an aware datetime."""
        now = timezone.localtime(now or timezone.now())
        cutoff = now.replace(hour=self.snapshot_hour, minute=0, second=0, microsecond=0)
        return cutoff if cutoff <= now else cutoff - datetime.timedelta(days=1)

    def describe(self):
        """The rules in words, for the campaign page and the API."""
        parts = [f"投票方式：{self.get_identity_mode_display()}", "每人每天对同一候选人限投 1 票"]
        if self.per_day_total:
            parts.append(f"每人每天最多投 {self.per_day_total} 票")
        if self.per_category_per_day:
            parts.append(f"每个类别每天最多投 {self.per_category_per_day} 票")
        if self.min_interval_seconds:
            parts.append(f"两次投票至少间隔 {self.min_interval_seconds} 秒")
        if self.captcha_after:
            parts.append(f"每天投满 {self.captcha_after} 票后需输入验证码")
        parts.append(self.get_counts_display_display())
        return parts


class Voter(models.Model):
    """Someone allowed to vote in one campaign, known by a keyed hash of their identity and of their token."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.CASCADE, related_name="voters"
    )
    mode = models.CharField("身份方式", max_length=10, choices=IdentityMode.choices)
    identity_hash = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address_hash = models.CharField("登记时的网络地址（摘要）", max_length=32, blank=True, editable=False)
    # SMS mode: a keyed hash of the phone's first 9 digits, so runs of consecutive numbers show up.
    phone_bucket = models.CharField("手机号段（摘要）", max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "投票人"
        verbose_name_plural = "投票人"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "identity_hash"], name="one_voter_per_identity"),
        ]
        indexes = [models.Index(fields=["identity_hash"], name="voter_identity_idx")]  # across campaigns

    def __str__(self):
        return f"{self.get_mode_display()}·{self.identity_hash[:8]}"


class VoteQuerySet(models.QuerySet):
    def counted(self):
        """Votes that count towards a public total (valid) or await review (quarantined)."""
        return self.filter(status__in=[VoteStatus.VALID, VoteStatus.QUARANTINED])


class Vote(models.Model):
    """One like for one candidate by one voter on one day; the row is the vote."""

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="votes"
    )
    candidate = models.ForeignKey(
        "evaluation.Nomination", verbose_name="候选人", on_delete=models.PROTECT, related_name="votes"
    )
    voter = models.ForeignKey(Voter, verbose_name="投票人", on_delete=models.PROTECT, related_name="votes")
    day = models.DateField("投票日期")
    status = models.CharField("状态", max_length=12, choices=VoteStatus.choices, default=VoteStatus.VALID)
    reason_code = models.CharField("状态原因", max_length=40, blank=True)
    accepted_because = models.JSONField("计票依据", default=dict)
    receipt = models.CharField("回执", max_length=32, unique=True, editable=False)
    address_hash = models.CharField("网络地址（摘要）", max_length=32, blank=True, editable=False)
    # Keyed hashes for the brushing detectors (services/brushing.py): the /24 (IPv4) or /48 (IPv6)
    # around the address, and the device (User-Agent, Accept-Language, the client's fingerprint).
    subnet_hash = models.CharField("网段（摘要）", max_length=32, blank=True, editable=False)
    device_hash = models.CharField("设备特征（摘要）", max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField("投票时间", default=timezone.now, db_index=True)
    # The vote's position in the campaign's ledger; null until the sequencer has appended it
    # (services/ledger.py), which happens after the vote has committed, never in its request.
    ledger_index = models.PositiveBigIntegerField("账本序号", null=True, blank=True, editable=False)

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "candidate", "voter", "day"], name="one_vote_per_day"),
        ]
        indexes = [
            models.Index(fields=["campaign", "candidate", "status"], name="vote_count_idx"),
            models.Index(fields=["voter", "day"], name="vote_voter_day_idx"),
            # Only the few votes still waiting for the ledger: the sequencer's queue.
            models.Index(
                fields=["campaign", "id"], name="vote_unsequenced_idx", condition=models.Q(ledger_index__isnull=True)
            ),
        ]

    def __str__(self):
        return self.receipt


class VoteCountSnapshot(models.Model):
    """Counts as published at a campaign's daily hour: votes cast before `cutoff`."""

    campaign = models.ForeignKey("evaluation.Campaign", on_delete=models.CASCADE, related_name="vote_snapshots")
    cutoff = models.DateTimeField("统计截止时间")
    counts = models.JSONField("票数", default=dict)
    published_at = models.DateTimeField("公布时间", auto_now_add=True)

    class Meta:
        verbose_name = "票数公布"
        verbose_name_plural = "票数公布"
        ordering = ["-cutoff"]
        constraints = [models.UniqueConstraint(fields=["campaign", "cutoff"], name="one_snapshot_per_cutoff")]

    def __str__(self):
        return f"{self.campaign_id}@{self.cutoff:%Y-%m-%d %H:%M}"


class SmsCode(models.Model):
    """A one-time code sent to a phone; only keyed hashes of the phone and the code are stored."""

    campaign = models.ForeignKey("evaluation.Campaign", on_delete=models.CASCADE, related_name="+")
    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"

    def __str__(self):
        return f"{self.phone_hash[:8]}@{self.created_at:%Y-%m-%d %H:%M}"

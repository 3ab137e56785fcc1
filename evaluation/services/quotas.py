"""Nomination quotas: how many a district/unit may forward to the city per period.

Every path that sends a nomination to the city (district approval, an
organisation's import, carry-over from the reserve pool) calls `check_quota`
inside the transaction that writes.  It locks the district-level jurisdiction
row before counting, so two forwards for one district run one after the other
and cannot both take the last place.  SQLite has no row locks: there the
settings make every transaction BEGIN IMMEDIATE, which takes the write lock
before the count.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone


class QuotaExceeded(ValidationError):
    pass


def lock_owner(jurisdiction):
    """The district-level row quotas are counted against, locked until the transaction ends."""
    from evaluation.models import Jurisdiction

    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("名额须在写入推荐的同一事务中检查。")
    # FOR NO KEY UPDATE: it still serialises quota checks for the district, but does not wait on the
    # KEY SHARE locks that inserting a nomination (a foreign key to this row) takes, which made an
    # import racing a district approval deadlock on PostgreSQL.
    owner = Jurisdiction.objects.select_for_update(no_key=True)
    return owner.get(path=jurisdiction.path[: 2 * jurisdiction.steplen])


def district_of(jurisdiction):
    """The district-level jurisdiction quotas are counted against (no lock: for display)."""
    from evaluation.models import Jurisdiction

    return Jurisdiction.objects.get(path=jurisdiction.path[: 2 * jurisdiction.steplen])


def quota_for(campaign, owner):
    """The quota of `owner` (a district-level jurisdiction): raised by the city office, else the campaign's."""
    from evaluation.models import DistrictQuota

    raised = DistrictQuota.objects.filter(campaign=campaign, jurisdiction=owner).values_list("quota", flat=True).first()
    return campaign.nomination_quota if raised is None else raised


@dataclass(frozen=True)
class QuotaUsage:
    """What a reviewer needs to know before forwarding: 本期名额 N 人，已报送 M 人."""

    owner: object
    quota: int
    used: int
    start: date
    end: date
    campaign: object = None

    @property
    def left(self):
        return max(self.quota - self.used, 0)

    @property
    def full(self):
        return self.used >= self.quota

    def __str__(self):
        return (
            f"{self.owner.name}本期（{self.start:%m月%d日}至{self.end:%m月%d日}）名额{self.quota}人，"
            f"已报送{self.used}人，还可报送{self.left}人"
        )


def usage_for(campaign, jurisdiction, day=None):
    """Quota usage of the district that `jurisdiction` belongs to, for display (no lock)."""
    owner, used, (start, end) = quota_usage(campaign, district_of(jurisdiction), day)
    return QuotaUsage(owner, quota_for(campaign, owner), used, start, end, campaign)


def quota_usage(campaign, owner, day=None):
    """(owner, forwarded in the period containing `day`, (first day, last day))."""
    from evaluation.models import Nomination

    day = day or timezone.localdate()
    start, end = campaign.quota_window(day)
    used = (
        Nomination.objects.filter(campaign=campaign, forwarded_at__date__gte=start, forwarded_at__date__lte=end)
        .in_jurisdiction(owner)
        .forwarded_to_city()
        .count()
    )
    return owner, used, (start, end)


def check_quota(campaign, jurisdiction, adding=1, day=None):
    """Lock the district's row, then raise QuotaExceeded if forwarding `adding` more would pass the quota."""
    owner = lock_owner(jurisdiction)
    owner, used, (start, end) = quota_usage(campaign, owner, day)
    quota = quota_for(campaign, owner)
    if used + adding > quota:
        left = max(quota - used, 0)
        raise QuotaExceeded(
            f"{owner.name}本期（{start:%Y年%m月%d日}至{end:%Y年%m月%d日}）名额为{quota}人，"
            f"已报送{used}人，还可报送{left}人，本次报送{adding}人超出名额。",
            code="quota",
        )
    return owner

"""Nomination quotas: how many a district/unit may forward to the city per period."""

from django.core.exceptions import ValidationError
from django.utils import timezone


class QuotaExceeded(ValidationError):
    pass


def quota_usage(campaign, jurisdiction, day=None):
    from evaluation.models import Nomination

    day = day or timezone.localdate()
    start, end = campaign.quota_window(day)
    owner = jurisdiction.level_two
    used = (
        Nomination.objects.filter(campaign=campaign, forwarded_at__date__gte=start, forwarded_at__date__lte=end)
        .in_jurisdiction(owner)
        .forwarded_to_city()
        .count()
    )
    return owner, used, (start, end)


def check_quota(campaign, jurisdiction, adding=1, day=None):
    """Raise QuotaExceeded if forwarding `adding` more would pass the campaign's quota."""
    owner, used, (start, end) = quota_usage(campaign, jurisdiction, day)
    if used + adding > campaign.nomination_quota:
        left = max(campaign.nomination_quota - used, 0)
        raise QuotaExceeded(
            f"{owner.name}本期（{start:%Y年%m月%d日}至{end:%Y年%m月%d日}）名额为{campaign.nomination_quota}人，"
            f"已报送{used}人，还可报送{left}人，本次报送{adding}人超出名额。",
            code="quota",
        )

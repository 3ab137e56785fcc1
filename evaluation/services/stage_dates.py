"""The campaign's stage dates as a gate: expert draws and scoring run in the 专家评审 stage, inspections in 实地考察.

A campaign that sets a stage is held to its dates (a switched-off stage refuses
everything); one that never set the stage is not constrained, as before stages
were dated.  The refusal says in Chinese when the stage opens or closed.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone


def _day(date):
    return f"{date.year}年{date.month}月{date.day}日"


def refusal(campaign, kind, action, today=None):
    """Why `action` cannot happen today in the campaign's `kind` stage, or None when it can."""
    stage = campaign.stage(kind)
    if stage is None:
        return None
    label = stage.get_kind_display()
    if not stage.enabled:
        return f"本活动未启用{label}阶段，不能{action}。"
    today = today or timezone.localdate()
    if today < stage.starts_on:
        return f"{label}阶段{_day(stage.starts_on)}开始，现在还不能{action}。"
    if today > stage.ends_on:
        return f"{label}阶段已于{_day(stage.ends_on)}结束，不能再{action}。"
    return None


def check_open(campaign, kind, action, today=None):
    """Raise ValidationError with the refusal when the stage is not open today."""
    message = refusal(campaign, kind, action, today)
    if message:
        raise ValidationError(message, code="stage_closed")


def has_ended(campaign, kind, today=None):
    """True once a dated stage's last day is over."""
    stage = campaign.stage(kind)
    return stage is not None and stage.ends_on < (today or timezone.localdate())

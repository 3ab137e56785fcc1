"""The one writer of a nomination's audit trail.

Each state change writes a NominationEvent (from/to/reason, append-only) and a
Wagtail log entry so the change also shows in the admin's history view.
Parameters never include ID numbers or phones.  Showing or exporting those in
full writes a PrivateDataAccess row (`record_private_access`).
"""

import logging

from wagtail.log_actions import log

from evaluation.models import NominationEvent, PrivateDataAccess

logger = logging.getLogger(__name__)

LOG_ACTIONS = {
    "submitted": "提交推荐",
    "merged": "合并重复推荐",
    "approve": "审核通过",
    "return": "退回修改",
    "reject": "不予通过",
    "resubmit": "重新提交",
    "opinions": "记录部门意见",
    "consent": "记录本人同意",
    "reserved": "转入储备库",
    "carried": "由储备库转入",
    "edited": "修改推荐材料",
    "photos_published": "发布候选人照片",
    "withdraw": "撤回推荐",
    "declared": "专家声明利害关系",
    "scored": "专家提交评分",
    "shortlisted": "列入初步拟定名单",
    "inspection_assigned": "安排实地考察",
    "inspection_recorded": "记录实地考察结论",
    "draw_prepared": "公布专家抽取种子哈希",
    "draw_performed": "抽取评审专家",
    "round_closed": "结束专家评审",
    "shortlist_cut": "拟定初步名单",
    "suspicion_confirmed": "确认刷票（相关投票作废）",
    "suspicion_released": "解除刷票嫌疑（相关投票恢复有效）",
}


def record(nomination, *, action, actor=None, from_status="", to_status="", reason="", **data):
    event = NominationEvent.objects.create(
        nomination=nomination,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        data=data,
    )
    log(
        instance=nomination,
        action=f"evaluation.{action}",
        user=event.actor,
        data={"from": from_status, "to": to_status, "reason": reason, **data},
    )
    return event


def record_campaign(campaign, *, action, actor=None, **data):
    """A campaign-wide event (draws, closing a round, cutting the shortlist) in the campaign's admin history."""
    return log(
        instance=campaign,
        action=f"evaluation.{action}",
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def record_private_access(*, user, purpose, model, ids):
    """Note that `user` saw full ID numbers or phones of the `model` records `ids` for `purpose`."""
    ids = list(ids)
    access = PrivateDataAccess.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        purpose=purpose,
        model=model._meta.model_name,
        record_ids=ids,
        record_count=len(ids),
    )
    logger.info(
        "Private data revealed: user=%s purpose=%s model=%s records=%d",
        access.user_id,
        purpose,
        access.model,
        len(ids),
    )
    return access

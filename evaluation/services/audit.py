"""The one writer of a nomination's audit trail.

Each state change writes a NominationEvent (from/to/reason, append-only) and a
Wagtail log entry so the change also shows in the admin's history view.
Parameters never include ID numbers or phones.  Campaign milestones (notice opened
and closed, approval, publication) go to CampaignEvent through `record_campaign`.  Showing or exporting those in
full writes a PrivateDataAccess row (`record_private_access`).
"""

import logging

from wagtail.log_actions import log

from evaluation.models import CampaignEvent, NominationEvent, PrivateDataAccess

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
    "disqualified": "取消候选资格",
    "objection_filed": "收到公示异议",
    "objection_updated": "办理公示异议",
    "objection_closed": "公示异议办结",
    "approved": "文明委审批通过",
    "published": "发布入选",
    "drafted": "生成好人档案草稿",
    "certificate_issued": "颁发荣誉证书",
    "promoted": "推荐上级",
    "promotion_result": "记录上级评选结果",
    "negative": "列入负面清单",
    "revoked": "撤销荣誉称号",
    "revocation_reported": "提交撤销荣誉报告",
    "revocation_report_decided": "审批撤销荣誉报告",
    "care": "记录关爱帮扶",
    "card_issued": "发放好人卡",
    "card_renewed": "好人卡续期",
    "card_recalled": "收回好人卡",
}

CAMPAIGN_LOG_ACTIONS = {
    "notice_opened": "网上公示开始",
    "notice_closed": "网上公示结束",
    "approval_recorded": "录入文明委审批",
    "campaign_published": "发布到好人榜",
    "campaign_drafted": "生成好人榜草稿并提交审核",
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
    """A campaign milestone (notice opened/closed, approval, publication); `data` holds no private field."""
    event = CampaignEvent.objects.create(
        campaign=campaign,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data,
    )
    log(instance=campaign, action=f"evaluation.{action}", user=event.actor, data=data)
    return event


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

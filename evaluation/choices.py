"""Vocabularies of the evaluation pipeline (English names from the design glossary)."""

from django.db import models

from portal.choices import Category, Level, SubjectKind

__all__ = [
    "AffiliationType",
    "Category",
    "DeclarationDecision",
    "InspectionVerdict",
    "PriorityDeed",
    "VoteTransform",
    "CampaignKind",
    "CountsDisplay",
    "Gender",
    "IdentityMode",
    "JurisdictionKind",
    "Level",
    "NominationChannel",
    "NominationMethod",
    "Period",
    "Role",
    "StageKind",
    "SubjectKind",
    "Verdict",
    "VoteStatus",
]


class CampaignKind(models.TextChoices):
    INDIVIDUAL = "individual", "身边好人评选"
    COLLECTIVE = "collective", "先进集体评选"
    STORY = "story", "身边故事征集"


class Period(models.TextChoices):
    MONTHLY = "monthly", "按月"
    QUARTERLY = "quarterly", "按季度"
    HALF_YEARLY = "half_yearly", "按半年"
    YEARLY = "yearly", "按年"


class StageKind(models.TextChoices):
    NOMINATION = "nomination", "推荐"
    REVIEW = "review", "逐级审核"
    VOTE = "vote", "网络投票"
    EXPERT_REVIEW = "expert_review", "专家评审"
    INSPECTION = "inspection", "实地考察"
    NOTICE = "notice", "网上公示"
    APPROVAL = "approval", "文明委审批"
    PUBLICATION = "publication", "发布"


class NominationMethod(models.TextChoices):
    INDIVIDUAL = "individual", "个人推荐"
    SELF = "self", "本人自荐"
    ORGANISATION = "organisation", "组织推荐"


class NominationChannel(models.TextChoices):
    TERRITORIAL = "territorial", "属地"
    MEDIA = "media", "媒体"
    SELF = "self", "自我"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class JurisdictionKind(models.TextChoices):
    CITY = "city", "市"
    DISTRICT = "district", "县（市、区）"
    PARTY_COMMITTEE = "party_committee", "党（工）委"
    STATIONED_UNIT = "stationed_unit", "驻市单位"
    GRASSROOTS = "grassroots", "基层组织"


class Role(models.TextChoices):
    CITY_STAFF = "city_staff", "市文明办工作人员"
    DISTRICT_REVIEWER = "district_reviewer", "县区/单位审核员"
    UNIT_SUBMITTER = "unit_submitter", "基层/单位报送员"
    EXPERT = "expert", "评审专家"
    EDITOR = "editor", "网站编辑"


class Verdict(models.TextChoices):
    AGREE = "agree", "无异议"
    OBJECT = "object", "有异议"


class IdentityMode(models.TextChoices):
    SMS = "sms", "短信验证手机号"
    ACCOUNT = "account", "登录账号"
    DEVICE = "device", "匿名设备凭证"


class CountsDisplay(models.TextChoices):
    LIVE = "live", "实时显示票数"
    SNAPSHOT = "snapshot", "每日定时公布票数"
    HIDDEN = "hidden", "投票期间不显示票数"


class VoteStatus(models.TextChoices):
    VALID = "valid", "有效"
    QUARANTINED = "quarantined", "待核查"
    INVALID = "invalid", "无效"


class AffiliationType(models.TextChoices):
    GOVERNMENT = "government", "政府机关"
    ENTERPRISE = "enterprise", "企业"
    UNIVERSITY = "university", "高校"
    MEDIA = "media", "媒体"
    MODEL_PERSON = "model_person", "道德模范"


class VoteTransform(models.TextChoices):
    LINEAR = "linear", "按票数（不变换）"
    CAPPED = "capped", "票数封顶"
    RANK = "rank", "按票数名次"
    LOG = "log", "对数（ln(1+票数)）"


class DeclarationDecision(models.TextChoices):
    NO_CONFLICT = "no_conflict", "无利害关系"
    RECUSE = "recuse", "需要回避"


class PriorityDeed(models.TextChoices):
    """Deeds in a crisis, which the rules let a campaign consider first (seed 000, article 4)."""

    EPIDEMIC = "epidemic", "疫情防控"
    DISASTER = "disaster", "抢险救灾"
    PUBLIC_SAFETY = "public_safety", "突发公共安全事件"


class InspectionVerdict(models.TextChoices):
    PENDING = "pending", "待定"
    PASSED = "passed", "通过"
    FAILED = "failed", "不通过"

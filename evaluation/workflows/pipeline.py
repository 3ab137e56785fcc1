"""The order the rules impose on the end of the pipeline (seed 000 §6): notice, then approval, then publication.

A candidate may be approved (文明委审批) only once the public notice (公示) has
ended, only from the shortlist that was on the notice, without an open or upheld
objection, after a site inspection (实地考察) that passed, if not disqualified,
and within the campaign's quotas.  Publication follows the recorded approval, for
the approved people only.  Each refusal is an `OutOfOrder` with a stable code (the
staff API returns it as is) and a Chinese message naming the rule.  The checks
themselves live in services/approval.py and services/publication.py, the only
writers, so the admin, the API, the commands and the demo are held alike.
"""

from django.db import models


class Refusal(models.TextChoices):
    NOTICE_OPEN = "notice_open", "公示期未结束"
    OBJECTION_OPEN = "objection_open", "有未办结的公示异议"
    OBJECTION_UPHELD = "objection_upheld", "公示异议经核查成立"
    INSPECTION_MISSING = "inspection_missing", "尚未完成实地考察"
    INSPECTION_FAILED = "inspection_failed", "实地考察未通过"
    NOT_SHORTLISTED = "not_shortlisted", "不在公示的拟入选名单中"
    DISQUALIFIED = "disqualified", "已被取消候选资格"
    OVER_QUOTA = "over_quota", "超出入选名额"
    NOT_APPROVED = "not_approved", "尚未录入文明委审批"
    CONSENT_MISSING = "consent_missing", "尚未记录本人同意公开"
    NO_HONOUR_ROLL = "no_honour_roll", "网站尚未建立好人榜"


class OutOfOrder(Exception):
    """A step asked for before the rules allow it; `code` is a Refusal value, `message` says why in Chinese."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = Refusal(code)
        self.message = message

    def __str__(self):
        return self.message

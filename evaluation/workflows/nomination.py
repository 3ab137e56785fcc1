"""The tiered review of a nomination: statuses and the one table of allowed transitions.

grassroots → district/unit → city office preliminary review (初审).  Each step
can approve, return for changes, or reject; a returned nomination goes back
to the step that returned it once it is resubmitted -- unless its content was
changed after a return from the city, when the district/unit reviews it again.
A nomination is withdrawn (with a reason), never deleted, so its audit trail stays.
"""

from django.db import models


class Step(models.TextChoices):
    GRASSROOTS = "grassroots", "基层审核"
    DISTRICT = "district", "县区/单位审核"
    CITY = "city", "市级初审"


class Action(models.TextChoices):
    APPROVE = "approve", "通过"
    RETURN = "return", "退回修改"
    REJECT = "reject", "不予通过"
    RESUBMIT = "resubmit", "重新提交"
    WITHDRAW = "withdraw", "撤回"


class Status(models.TextChoices):
    PENDING_GRASSROOTS = "pending_grassroots", "待基层审核"
    PENDING_DISTRICT = "pending_district", "待县区/单位审核"
    PENDING_CITY = "pending_city", "待市级初审"
    RETURNED = "returned", "退回修改"
    ACCEPTED = "accepted", "初审通过（有效候选人）"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"

    @classmethod
    def pending_for(cls, step):
        return {
            Step.GRASSROOTS: cls.PENDING_GRASSROOTS,
            Step.DISTRICT: cls.PENDING_DISTRICT,
            Step.CITY: cls.PENDING_CITY,
        }[step]

    @classmethod
    def step_of(cls, status):
        return {
            cls.PENDING_GRASSROOTS: Step.GRASSROOTS,
            cls.PENDING_DISTRICT: Step.DISTRICT,
            cls.PENDING_CITY: Step.CITY,
        }.get(status)

    @classmethod
    def forwarded(cls):
        """Statuses reached once a district/unit has passed a nomination to the city."""
        return [cls.PENDING_CITY, cls.ACCEPTED]


# (current status, action) -> new status.  RESUBMIT goes back to the returning step.
TRANSITIONS = {
    (Status.PENDING_GRASSROOTS, Action.APPROVE): Status.PENDING_DISTRICT,
    (Status.PENDING_DISTRICT, Action.APPROVE): Status.PENDING_CITY,
    (Status.PENDING_CITY, Action.APPROVE): Status.ACCEPTED,
    (Status.PENDING_GRASSROOTS, Action.RETURN): Status.RETURNED,
    (Status.PENDING_DISTRICT, Action.RETURN): Status.RETURNED,
    (Status.PENDING_CITY, Action.RETURN): Status.RETURNED,
    (Status.PENDING_GRASSROOTS, Action.REJECT): Status.REJECTED,
    (Status.PENDING_DISTRICT, Action.REJECT): Status.REJECTED,
    (Status.PENDING_CITY, Action.REJECT): Status.REJECTED,
    (Status.RETURNED, Action.RESUBMIT): None,
    (Status.PENDING_GRASSROOTS, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.PENDING_DISTRICT, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.PENDING_CITY, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.RETURNED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ACCEPTED, Action.WITHDRAW): Status.WITHDRAWN,
}

REVIEW_ACTIONS = (Action.APPROVE, Action.RETURN, Action.REJECT, Action.RESUBMIT)


class TransitionNotAllowed(Exception):
    """The nomination is not in a state where this action can be taken."""

    def __init__(self, status, action):
        self.status, self.action = status, action
        super().__init__(f"当前状态为“{Status(status).label}”，不能执行“{Action(action).label}”操作。")


def resubmit_step(returned_from, *, content_changed):
    """Where a resubmitted nomination is reviewed next.

    Changed content never skips a reviewer: after a return from the city it
    goes through the district/unit step again, whoever made the change.
    """
    step = returned_from or Step.GRASSROOTS
    if content_changed and step == Step.CITY:
        return Step.DISTRICT
    return step


def next_status(nomination, action, *, content_changed=False):
    """The status `action` leads to from the nomination's current status, or raise."""
    key = (nomination.status, action)
    if key not in TRANSITIONS:
        raise TransitionNotAllowed(nomination.status, action)
    target = TRANSITIONS[key]
    if target is None:
        target = Status.pending_for(resubmit_step(nomination.returned_from, content_changed=content_changed))
    return target


# All that a nominator who joined an existing nomination is ever told of its progress.
RECEIVED_LABEL = "已受理，正在审核"

"""An objection raised during the public notice (公示异议) is a case: its statuses and allowed transitions.

open → investigating (an assignee takes it) → closed (an outcome is recorded);
an open case may also be closed directly.  A closed case is never reopened: a new
objection is a new case.  While a candidate has a case that is not closed, the
campaign cannot be published (services/publication.py).
"""

from django.db import models


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待核查"
    INVESTIGATING = "investigating", "核查中"
    CLOSED = "closed", "已办结"

    @classmethod
    def unresolved(cls):
        return [cls.OPEN, cls.INVESTIGATING]


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", "异议成立"
    PARTLY = "partly", "部分成立"
    DISMISSED = "dismissed", "异议不成立"


TRANSITIONS = {
    (ObjectionStatus.OPEN, ObjectionStatus.INVESTIGATING),
    (ObjectionStatus.OPEN, ObjectionStatus.CLOSED),
    (ObjectionStatus.INVESTIGATING, ObjectionStatus.CLOSED),
}


class ObjectionTransitionNotAllowed(Exception):
    """A case cannot move from its current status to the requested one."""

    def __init__(self, current, target):
        super().__init__(
            f"异议当前状态为“{ObjectionStatus(current).label}”，不能改为“{ObjectionStatus(target).label}”。"
        )


def check_transition(current, target):
    if current != target and (current, target) not in TRANSITIONS:
        raise ObjectionTransitionNotAllowed(current, target)

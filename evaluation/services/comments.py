"""Comments on candidates (评议留言): submit, screen, report, moderate.

`check_words` is the only place that knows about the sensitive-word list, so a
general content-check service can replace it without touching the rest.
"""

import dataclasses
import re

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags

from evaluation.guards.throttle import client_group
from evaluation.models import Comment, CommentStatus
from portal import content_check
from portal.security.addresses import client_address

DEFAULT_REPORT_THRESHOLD = 3


class CommentRefused(Exception):  # noqa: N818 - reads as the outcome it is
    """A comment that is not accepted, with a Chinese reason for the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclasses.dataclass(frozen=True)
class WordCheck:
    blocked: list
    flagged: list


def check_words(text):
    """The listed words found in `text`: 禁止 ones refuse it, 提示 ones hold it for a moderator."""
    # The site's one content check (portal/content_check.py): the same 敏感词 list as the pages'.
    found = content_check.check_text(text)
    return WordCheck(
        blocked=[finding.text for finding in found if finding.forbidden],
        flagged=[finding.text for finding in found if not finding.forbidden],
    )


def clean_text(text, max_chars):
    """Plain text: markup removed, runs of blank space folded, at most `max_chars` characters."""
    text = strip_tags(text or "")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:max_chars]


def address_hash(request):
    return salted_hmac("comment-address", client_group(client_address(request))).hexdigest()[:32]


def submit(candidate, *, body, display_name, request):
    """Store a comment for moderation; refused outright when it contains a 禁止 word."""
    body = clean_text(body, Comment.BODY_MAX_CHARS)
    display_name = clean_text(display_name, 20).replace("\n", " ") or Comment.DEFAULT_NAME
    if not body:
        raise CommentRefused("请填写留言内容。")
    check = check_words(f"{display_name}\n{body}")
    if check.blocked:
        raise CommentRefused("留言含有不允许发布的内容，请修改后再提交。")
    return Comment.objects.create(
        candidate=candidate,
        body=body,
        display_name=display_name,
        status=CommentStatus.PENDING,
        finding="、".join(check.flagged)[:200],
        address_hash=address_hash(request),
    )


def report(comment):
    """Count one report; at the threshold an approved comment goes back to the moderators."""
    threshold = getattr(settings, "COMMENT_REPORT_THRESHOLD", DEFAULT_REPORT_THRESHOLD)
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        Comment.objects.filter(pk=comment.pk, status=CommentStatus.APPROVED, report_count__gte=threshold).update(
            status=CommentStatus.REPORTED
        )
    comment.refresh_from_db(fields=["report_count", "status"])
    return comment


def moderate(comments, *, approve, user):
    """Approve or reject comments in bulk; returns how many changed."""
    status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    fields = {"status": status, "moderated_at": timezone.now(), "moderated_by": user}
    if approve:
        fields["report_count"] = 0
    ids = [c.pk for c in comments]
    return Comment.objects.filter(pk__in=ids).exclude(status=status).update(**fields)

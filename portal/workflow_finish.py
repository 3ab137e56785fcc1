"""What finishing a workflow does (WAGTAIL_FINISH_WORKFLOW_ACTION): publish the approved revision.

The last approval is the authority to publish, so no review group needs Wagtail's
"publish" permission (which would let its members skip the steps). A page with a
禁止 finding never gets here (ReviewTask sends it back), but the check is repeated
so no other path can publish one.  A page submitted with the pages it brings
(`reviewed_with()`: a release and its new profiles) publishes them with it, after
the same check: one review for the whole release.
"""


class ForbiddenContentError(Exception):
    """The revision to publish holds a 禁止 word."""


def publish_approved(workflow_state, user=None):
    from wagtail.models import Page

    from .content_check import check_page, forbidden, summary

    revision = workflow_state.content_object.get_latest_revision()
    if not isinstance(workflow_state.content_object, Page):
        revision.publish(user=user)
        return
    page = workflow_state.content_object.specific
    companions = [p.get_latest_revision() for p in getattr(page, "reviewed_with", list)()]
    for candidate in [revision, *companions]:
        found = forbidden(check_page(candidate.as_object()))
        if found:
            raise ForbiddenContentError(f"内容检查发现禁止使用的词语，不能发布：{summary(found)}")
    revision.publish(user=user, skip_permission_checks=True)
    for companion in companions:
        companion.publish(user=user, skip_permission_checks=True)

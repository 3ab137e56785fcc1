"""The campaign page's comments (评议留言) on a candidate, and reports of a visible comment.

Their POSTs arrive through evaluation.public.views.campaign_action.
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, redirect

from evaluation.forms import CommentForm
from evaluation.guards import captcha, throttle
from evaluation.models import Comment, Nomination
from evaluation.public import votes
from evaluation.public.candidates import candidate_or_404
from evaluation.public.rendering import forbidden, render_private
from evaluation.services import comments

SUBMITTED_MESSAGE = "留言已提交，审核通过后将显示在页面上。"
REPORTED_MESSAGE = "感谢您的举报，我们会尽快核实处理。"


def _back_to_candidate(page, candidate_id, message):
    flash = votes.flash_token(ok=True, message=message, candidate_id=candidate_id)
    return redirect(f"{page.url}candidates/{candidate_id}/?{urlencode({votes.FLASH_PARAM: flash})}#vote-message")


def comment(request, page, pk):
    """The comment form of one candidate; a valid comment goes to comments.submit and waits for moderation."""
    candidate = candidate_or_404(page.campaign, pk)
    form = CommentForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        if not votes.same_origin(request):
            return forbidden(False)
        if not throttle.allow(request, "comment"):
            form.is_valid()
            form.add_error(None, throttle.MESSAGE)
        elif form.is_valid():
            try:
                comments.submit(
                    candidate,
                    body=form.cleaned_data["body"],
                    display_name=form.cleaned_data["display_name"],
                    request=request,
                )
            except comments.CommentRefused as refusal:
                form.add_error("body", refusal.message)
            else:
                return _back_to_candidate(page, candidate.pk, SUBMITTED_MESSAGE)
    return render_private(
        request,
        page,
        "evaluation/campaign_comment.html",
        candidate=candidate,
        form=form,
        captcha_token=captcha.issue(request),
    )


def report_comment(request, page, pk):
    """Report a visible comment of one of the campaign's candidates."""
    found = get_object_or_404(
        Comment.objects.visible().filter(candidate__in=Nomination.objects.candidates(page.campaign)), pk=pk
    )
    if request.method != "POST":
        return redirect(f"{page.url}candidates/{found.candidate_id}/")
    if not votes.same_origin(request):
        return forbidden(False)
    if throttle.allow(request, "comment_report"):
        comments.report(found)
        message = REPORTED_MESSAGE
    else:
        message = throttle.MESSAGE
    return _back_to_candidate(page, found.candidate_id, message)

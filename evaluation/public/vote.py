"""The campaign page's public vote (网络投票): the candidate list, one candidate, live counts, and the vote.

The list and candidate pages are shared by every anonymous visitor through the page
cache: they read no cookie or session. Per-visitor results come back in a signed URL
parameter, and pages showing one are private. The vote's POST arrives through
evaluation.public.views.campaign_action.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from evaluation.choices import StageKind
from evaluation.forms import CommentForm
from evaluation.guards import captcha
from evaluation.public import votes
from evaluation.public.candidates import attach_counts, attach_public_details, candidate_listing, candidate_or_404
from evaluation.public.rendering import forbidden, private, render, render_private
from evaluation.services import brushing, voting

# Refusals that a captcha answered on the vote's own page resolves.
CAPTCHA_CODES = ("captcha_required", "captcha_invalid")


def with_flash(request, page, template, **extra):
    """`template` with the one-time result message of this URL, if any (the page is then private)."""
    flash = votes.read_flash(request)
    vote_open = page.campaign.stage_is_open(StageKind.VOTE)
    response = render(request, page, template, flash=flash, vote_open=vote_open, **extra)
    if request.GET.get(votes.FLASH_PARAM):
        private(response)
    return response


def candidates(request, page):
    """The valid candidates with their counts, filters and the published voting and brushing rules."""
    campaign = page.campaign
    listing = candidate_listing(campaign, request.GET)
    attach_counts(listing["candidates"], votes.live_counts(campaign))
    return with_flash(
        request,
        page,
        "evaluation/campaign_candidates.html",
        # Published with the counts: valid, held and invalid totals, the voting rules and the brushing rules.
        vote_report=brushing.public_report(campaign),
        vote_rules=voting.rules_for(campaign).describe(),
        **listing,
    )


def candidate_counts(request, page):
    """The valid count of every candidate, as JSON for the list's live refresh."""
    counts = votes.live_counts(page.campaign)
    response = JsonResponse({str(pk): valid for pk, valid in counts.items()})
    response["Cache-Control"] = f"public, max-age={votes.COUNTS_CACHE_SECONDS}"
    return response


def candidate(request, page, pk):
    """One candidate's public details, count and visible comments."""
    found = candidate_or_404(page.campaign, pk)
    attach_public_details([found])
    attach_counts([found], votes.live_counts(page.campaign))
    return with_flash(
        request,
        page,
        "evaluation/campaign_candidate.html",
        candidate=found,
        comments=found.comments.visible().order_by("created_at"),
        comment_form=CommentForm(),
        share_url=request.build_absolute_uri(request.path),
    )


def vote(request, page, pk):
    """GET: the confirmation with a captcha; POST: one vote through voting.cast, answered as JSON or a redirect."""
    campaign = page.campaign
    found = candidate_or_404(campaign, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method != "POST":
        return render_private(
            request,
            page,
            "evaluation/campaign_vote_confirm.html",
            candidate=found,
            flash=votes.read_flash(request),
            captcha_token=captcha.issue(request),
        )
    if not votes.same_origin(request):
        return forbidden(wants_json)
    token = None
    try:
        voter, token = votes.voter_for(request, campaign)
        result = voting.cast(
            campaign,
            found.pk,
            voter,
            request=request,
            captcha_key=request.POST.get("captcha_key", ""),
            captcha_answer=request.POST.get("captcha_answer", ""),
        )
    except voting.VoteRefused as refusal:
        ok, message, receipt, status = False, refusal.message, "", refusal.http_status
        code = refusal.code
    else:
        ok, receipt, status, code = True, result.receipt, 201, "counted"
        message = f"投票成功！您为{found.nominee_name}投了一票，凭证号：{receipt}"
    if wants_json:
        count = voting.counts(campaign).get(found.pk, {"valid": 0})["valid"] if ok else None
        body = {"ok": ok, "code": code, "message": message, "receipt": receipt, "count": count}
        if code in CAPTCHA_CODES:
            body["confirm_url"] = f"{page.url}candidates/{found.pk}/vote/"
        response = JsonResponse(body, status=status)
    else:
        back = page.url + (f"candidates/{found.pk}/" if request.POST.get("next") == "candidate" else "candidates/")
        if code in CAPTCHA_CODES:
            back = f"{page.url}candidates/{found.pk}/vote/"
        flash = votes.flash_token(ok=ok, message=message, candidate_id=found.pk, receipt=receipt)
        response = redirect(f"{back}?{urlencode({votes.FLASH_PARAM: flash})}#vote-message")
    if token:
        # Sent back only to this page's vote actions, where it is read.
        action_prefix = reverse("evaluation:campaign_action", args=[page.pk, "vote", found.pk]).rsplit("/", 2)[0]
        votes.set_voter_cookie(response, campaign, token, action_prefix + "/")
    return private(response)

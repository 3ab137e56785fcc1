"""The campaign page's results: the published honourees, once the release is live on the honour roll."""

from django.http import Http404

from evaluation.public.rendering import render
from evaluation.services import publication


def results(request, page):
    campaign = page.campaign
    if not campaign.is_published:
        raise Http404("评选结果尚未发布。")
    return render(
        request,
        page,
        "evaluation/campaign_results.html",
        release=campaign.release_page,
        honours=publication.results(campaign),
    )

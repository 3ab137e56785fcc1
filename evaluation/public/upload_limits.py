"""Refuse oversized nominations and objections before their body is read.

CsrfViewMiddleware reads request.POST, which parses (and spools to disk) the
whole upload, so the size check has to run before it, from Content-Length.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Site

from evaluation.models import Campaign
from evaluation.pages import CampaignPage
from evaluation.services import evidence

# Room for the text fields and multipart headers besides the photos.
FORM_MARGIN_BYTES = 64 * 1024
NOMINATE_SUFFIX = "nominate/"
NOTICE_SUFFIX = "notice/"
# An objection: the evidence files at their limit plus the text fields.
OBJECTION_LIMIT = evidence.MAX_FILES * evidence.MAX_BYTES + FORM_MARGIN_BYTES


def request_limit(campaign):
    """The largest nomination request a campaign accepts, in bytes."""
    story_bytes = campaign.story_max_chars * 4  # UTF-8, with room for form encoding
    return campaign.max_photos * campaign.photo_max_bytes + story_bytes + FORM_MARGIN_BYTES


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _page_for(request, suffix=NOMINATE_SUFFIX):
    """The live campaign page whose `suffix` route (nominate/ or notice/) this path is, if any."""
    path = request.path_info
    if not path.endswith("/" + suffix):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    url_path = site.root_page.url_path + path[: -len(suffix)].lstrip("/")
    return CampaignPage.objects.live().filter(url_path=url_path).select_related("campaign").first()


def _api_limit():
    # The body names the campaign but cannot be read yet: allow the most generous open one.
    campaigns = list(Campaign.objects.open_for_nomination()) or [Campaign()]
    return max(request_limit(campaign) for campaign in campaigns)


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


class NominationSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            size = _content_length(request)
            if request.path_info == reverse("api-v1:create_nomination"):
                limit = _api_limit()
                if size > limit:
                    message = f"提交的内容过大（超过 {_megabytes(limit)}），请压缩或减少照片后重试。"
                    return JsonResponse({"message": message, "errors": {}}, status=413)
            elif size > FORM_MARGIN_BYTES and (page := _page_for(request)) is not None:
                campaign = page.campaign
                if size > request_limit(campaign):
                    context = {"page": page, "campaign": campaign, "limit": _megabytes(request_limit(campaign))}
                    return render(request, "evaluation/nomination_too_large.html", context, status=413)
            elif size > OBJECTION_LIMIT and (page := _page_for(request, NOTICE_SUFFIX)) is not None:
                context = {"page": page, "campaign": page.campaign, "limit": _megabytes(OBJECTION_LIMIT)}
                return render(request, "evaluation/objection_too_large.html", context, status=413)
        return self.get_response(request)

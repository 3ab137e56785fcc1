from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from evaluation.guards import captcha
from evaluation.models import Certificate


@never_cache
def captcha_image(request, token):
    png = captcha.render_png(token)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")


# Where the public POST actions of a campaign page land, and the page route that shows each form.
CAMPAIGN_ACTIONS = {"vote": "candidates/{pk}/vote/", "comment": "candidates/{pk}/comment/", "report": None}


@csrf_exempt  # the forms sit in pages shared through the anonymous page cache: no per-visitor token
def campaign_action(request, page_id, action, pk):
    """Votes, comments and reports posted from the campaign page's cached pages.

    Wagtail serves every page route through one view, which cannot be exempted from
    CSRF for just these routes; here the page's own method handles the request and
    checks the Origin/Referer instead (evaluation.public.votes.same_origin).
    """
    from evaluation.pages import CampaignPage

    if action not in CAMPAIGN_ACTIONS:
        raise Http404
    page = get_object_or_404(CampaignPage.objects.live(), pk=page_id)
    if request.method != "POST":
        if action == "report":
            return redirect(page.url + "candidates/")
        return redirect(page.url + CAMPAIGN_ACTIONS[action].format(pk=pk))
    handler = {"vote": page.vote, "comment": page.comment, "report": page.report_comment}[action]
    return handler(request, pk)


def certificate_verify(request, number):
    """Public check of a certificate (the target of its QR code): valid, or revoked and when."""
    certificate = Certificate.objects.filter(number=number.strip().upper()).first()
    if certificate is None:
        return render(request, "evaluation/certificate_unknown.html", {"number": number}, status=404)
    return render(request, "evaluation/certificate_verify.html", {"certificate": certificate})

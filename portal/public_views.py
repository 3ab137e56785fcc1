"""Public views outside the page tree: elderly mode, error reports, robots.txt."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import captcha, care_mode, error_reports, throttle
from portal.error_reports import ErrorReportForm, file_report, local_path
from portal.feeds import SiteFeed


def _safe_next(request, fallback="/"):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False) and (
        target.startswith("/") and not target.startswith("//")
    ):
        return target
    return fallback


@never_cache
@require_GET
def switch_care_mode(request):
    """Turn elderly mode on (?on=1) or off (?on=0), then go back to the page."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.GET.get("on") == "1":
        response.set_cookie(care_mode.COOKIE_NAME, "1", max_age=care_mode.COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie(care_mode.COOKIE_NAME, samesite="Lax")
    return response


def _report_context(form, token):
    return {"form": form, "captcha_key": token, "throttled": token is None}


@never_cache
def error_report(request):
    """我要纠错: a visitor reports a mistake on a page of the site."""
    host = request.get_host()
    if request.method == "POST":
        if not throttle.allow(request, "error_report", *error_reports.SUBMIT_LIMIT):
            response = render(request, "portal/error_report.html", {"throttled": True, "message": throttle.MESSAGE})
            response.status_code = 429
            return response
        form = ErrorReportForm(request.POST, host=host)
        if form.is_valid():
            data = form.cleaned_data
            file_report(page_url=data["page_url"], description=data["description"], contact=data["contact"])
            return render(request, "portal/error_report.html", {"sent": True, "page_url": data["page_url"]})
        token = captcha.issue(request)
        data = form.data.copy()
        data["captcha_key"] = token or ""
        data["captcha_answer"] = ""
        form.data = data
        return render(request, "portal/error_report.html", _report_context(form, token), status=400)
    page_url = local_path(request.GET.get("page", ""), host) or ""
    token = captcha.issue(request)
    form = ErrorReportForm(initial={"page_url": page_url, "captcha_key": token or ""}, host=host)
    return render(request, "portal/error_report.html", _report_context(form, token))


@never_cache
def captcha_image(request, token):
    png = captcha.render_png(token)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        "Disallow: /evaluation/",
        "Disallow: /search/",
        f"Disallow: {reverse('error_report')}",
        f"Disallow: {reverse('care_mode')}",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def site_feed(request):
    """RSS of the latest news, notices and stories (a new feed object per request: it keeps the request)."""
    return SiteFeed()(request)

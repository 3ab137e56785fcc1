"""The campaign page's public notice (网上公示): the shortlist while the notice is open, objections, results."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.debug import sensitive_post_parameters

from evaluation.forms import ObjectionForm
from evaluation.guards import captcha, throttle
from evaluation.public.rendering import private, render
from evaluation.services import notice as notice_service


@sensitive_post_parameters("phone", "name")
def notice(request, page):
    """The shortlist during the notice period (its dates decide), with the objection form."""
    campaign = page.campaign
    phase = notice_service.phase(campaign)
    if phase is None:
        raise Http404("本次活动没有网上公示阶段。")
    candidates = notice_service.candidates(campaign) if phase == "open" else []
    form, token = None, None
    if phase == "open":
        form = ObjectionForm(request.POST or None, request.FILES or None, candidates=candidates)
        if request.method == "POST" and not throttle.allow(request, "objection"):
            form.is_valid()
            form.add_error(None, throttle.MESSAGE)
        elif request.method == "POST" and form.is_valid():
            c = form.cleaned_data
            try:
                objection = notice_service.file_objection(
                    campaign,
                    nomination_id=c["nomination"],
                    name=c["name"],
                    phone=c["phone"],
                    facts=c["facts"],
                    evidence=c["evidence"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                request.session["last_objection_number"] = objection.number
                return redirect(page.url + page.reverse_subpage("notice_done"))
        token = captcha.issue(request)
    response = render(
        request,
        page,
        "evaluation/campaign_notice.html",
        phase=phase,
        stage=notice_service.notice_stage(campaign),
        candidates=candidates,
        form=form,
        captcha_token=token,
        objection_results=notice_service.published_results(campaign),
    )
    return private(response) if request.method == "POST" else response


def notice_done(request, page):
    """The case number of the objection just filed from this session."""
    number = request.session.get("last_objection_number")
    if not number:
        return redirect(page.url + page.reverse_subpage("notice"))
    return render(request, page, "evaluation/campaign_notice_done.html", case_number=number)

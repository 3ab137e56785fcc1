"""The campaign page's nomination views: the form (我推荐), its receipt, and the progress lookup."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.debug import sensitive_post_parameters

from evaluation.choices import StageKind
from evaluation.forms import NominationForm, StatusLookupForm
from evaluation.guards import captcha, throttle
from evaluation.public.rendering import private, render
from evaluation.services import intake
from evaluation.workflows.nomination import RECEIVED_LABEL, Status

TEMPLATE = "evaluation/campaign_nominate.html"
STATUS_STEPS = [
    (Status.PENDING_GRASSROOTS, "基层审核"),
    (Status.PENDING_DISTRICT, "县区/单位审核"),
    (Status.PENDING_CITY, "市级初审"),
    (Status.ACCEPTED, "成为有效候选人"),
]


@sensitive_post_parameters("id_number", "nominator_phone")
def nominate(request, page):
    """The nomination form; a valid one goes to intake.submit and on to its receipt."""
    campaign = page.campaign
    if not campaign.stage_is_open(StageKind.NOMINATION):
        return render(request, page, TEMPLATE, form=None, closed=True)
    form = NominationForm(request.POST or None, request.FILES or None, campaign=campaign)
    refusal = request.method == "POST" and throttle.nomination_refusal(request, request.POST.get("nominator_phone"))
    if refusal:
        # Refused before anything is checked: the captcha is not spent and stays on the form.
        form.check_eligibility = form.check_captcha = False
        form.is_valid()
        form.add_error(None, refusal)
        token = request.POST.get("captcha_key", "")
        if captcha.answer_for(token) is not None:
            return render(
                request,
                page,
                TEMPLATE,
                form=form,
                captcha_token=token,
                captcha_answer=request.POST.get("captcha_answer", ""),
                closed=False,
            )
    elif request.method == "POST" and form.is_valid():
        try:
            _, nominator = intake.submit(campaign, form.to_data())
        except intake.NominationInvalid as exc:
            for name, messages in exc.errors.items():
                form.add_error(name if name in form.fields else None, messages)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            request.session["last_receipt_number"] = nominator.receipt_number
            return redirect(page.url + page.reverse_subpage("nominate_done"))
    # Every rendering of the form gets a fresh one-time captcha (the old one is spent).
    if not request.session.session_key:
        request.session.save()  # each visitor's own nomination limit is counted per session
    token = captcha.issue(request)
    return render(request, page, TEMPLATE, form=form, captcha_token=token, closed=False)


def nominate_done(request, page):
    """The receipt number of the nomination just submitted from this session."""
    receipt = request.session.get("last_receipt_number")
    if not receipt:
        return redirect(page.url + page.reverse_subpage("nominate"))
    return render(
        request, page, "evaluation/campaign_nominate_done.html", receipt_number=receipt, received_label=RECEIVED_LABEL
    )


@sensitive_post_parameters("phone")
def status(request, page):
    """Progress lookup by receipt number and phone, sent in a POST body so neither lands in a URL or log."""
    form = StatusLookupForm(
        request.POST if request.method == "POST" else None,
        initial={"receipt_number": request.session.get("last_receipt_number", "")},
    )
    nominator, searched = None, False
    if form.is_bound and not throttle.allow(request, "status"):
        form.is_valid()
        form.add_error(None, throttle.MESSAGE)
    elif form.is_bound and form.is_valid():
        searched = True
        nominator = intake.find_for_status_page(form.cleaned_data["receipt_number"], form.cleaned_data["phone"])
    return private(
        render(
            request,
            page,
            "evaluation/campaign_status.html",
            form=form,
            nominator=nominator,
            nomination=nominator.nomination if nominator and nominator.is_original else None,
            searched=searched,
            steps=STATUS_STEPS,
            received_label=RECEIVED_LABEL,
        )
    )

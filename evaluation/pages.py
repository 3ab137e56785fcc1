"""The campaign's public page (routable: overview, nominate, status lookup, candidates).

It lives beside the models rather than among them because its sub-views need forms and
services, and models never import those. `EvaluationConfig.ready()` imports this module.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from evaluation.choices import StageKind
from evaluation.forms import NominationForm, StatusLookupForm
from evaluation.models import Nomination, NominationPhoto
from evaluation.public import captcha, throttle
from evaluation.services import intake
from evaluation.workflows.nomination import RECEIVED_LABEL, Status


class CampaignPage(RoutablePageMixin, Page):
    """The public face of a campaign: overview, nominate, status lookup, candidates."""

    page_description = "一次评选活动的公开页面：访客在这里推荐、查询进度、点赞评议和查看公示。"

    campaign = models.ForeignKey(
        "evaluation.Campaign", verbose_name="评选活动", on_delete=models.PROTECT, related_name="pages"
    )
    intro = models.TextField("活动简介", blank=True)
    rules = RichTextField("推荐须知", blank=True, features=["bold", "ol", "ul", "link"])

    content_panels = Page.content_panels + [FieldPanel("campaign"), FieldPanel("intro"), FieldPanel("rules")]

    parent_page_types = ["home.HomePage", "portal.ChannelPage"]
    subpage_types = []

    class Meta:
        verbose_name = "评选活动页面"
        verbose_name_plural = "评选活动页面"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaign = self.campaign
        context.update(
            campaign=campaign,
            stages=list(campaign.stages.filter(enabled=True).order_by("starts_on")),
            nomination_open=campaign.stage_is_open(StageKind.NOMINATION),
        )
        return context

    def _render(self, request, template, **extra):
        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, template, context)

    @path("")
    def overview(self, request):
        return self._render(request, "evaluation/campaign_page.html")

    @path("nominate/")
    @method_decorator(sensitive_post_parameters("id_number", "nominator_phone"))
    def nominate(self, request):

        campaign = self.campaign
        if not campaign.stage_is_open(StageKind.NOMINATION):
            return self._render(request, "evaluation/campaign_nominate.html", form=None, closed=True)
        form = NominationForm(request.POST or None, request.FILES or None, campaign=campaign)
        refusal = request.method == "POST" and throttle.nomination_refusal(request, request.POST.get("nominator_phone"))
        if refusal:
            # Refused before anything is checked: the captcha is not spent and stays on the form.
            form.check_eligibility = form.check_captcha = False
            form.is_valid()
            form.add_error(None, refusal)
            token = request.POST.get("captcha_key", "")
            if captcha.answer_for(token) is not None:
                return self._render(
                    request,
                    "evaluation/campaign_nominate.html",
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
                return redirect(self.url + self.reverse_subpage("nominate_done"))
        # Every rendering of the form gets a fresh one-time captcha (the old one is spent).
        if not request.session.session_key:
            request.session.save()  # each visitor's own nomination limit is counted per session
        token = captcha.issue(request)
        return self._render(request, "evaluation/campaign_nominate.html", form=form, captcha_token=token, closed=False)

    @path("nominate/done/")
    def nominate_done(self, request):
        receipt = request.session.get("last_receipt_number")
        if not receipt:
            return redirect(self.url + self.reverse_subpage("nominate"))
        return self._render(
            request, "evaluation/campaign_nominate_done.html", receipt_number=receipt, received_label=RECEIVED_LABEL
        )

    @path("status/")
    @method_decorator(sensitive_post_parameters("phone"))
    def status(self, request):
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
        response = self._render(
            request,
            "evaluation/campaign_status.html",
            form=form,
            nominator=nominator,
            nomination=nominator.nomination if nominator and nominator.is_original else None,
            searched=searched,
            steps=STATUS_STEPS,
            received_label=RECEIVED_LABEL,
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @path("candidates/")
    def candidates(self, request):
        # Only the published copies: the uploads themselves are private files.
        published = NominationPhoto.objects.filter(public_image__isnull=False).select_related("public_image")
        candidates = (
            Nomination.objects.filter(campaign=self.campaign, status=Status.ACCEPTED, consent_given=True)
            .select_related("jurisdiction")
            .prefetch_related(Prefetch("photos", queryset=published.order_by("pk"), to_attr="public_photos"))
            .order_by("category", "nominee_name")
        )
        return self._render(request, "evaluation/campaign_candidates.html", candidates=candidates)


STATUS_STEPS = [
    (Status.PENDING_GRASSROOTS, "基层审核"),
    (Status.PENDING_DISTRICT, "县区/单位审核"),
    (Status.PENDING_CITY, "市级初审"),
    (Status.ACCEPTED, "成为有效候选人"),
]

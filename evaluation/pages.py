"""The campaign's public page (routable: overview, nominate, status lookup, candidates and votes, comments,
public notice with objections, results).

It lives beside the models rather than among them because its sub-views need forms and
services, and models never import those. `EvaluationConfig.ready()` imports this module.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from evaluation.choices import StageKind
from evaluation.forms import CommentForm, NominationForm, ObjectionForm, StatusLookupForm
from evaluation.guards import captcha, throttle
from evaluation.models import Comment, Nomination
from evaluation.public import votes
from evaluation.public.candidates import attach_counts, attach_public_details, candidate_listing
from evaluation.services import brushing, comments, intake, publication, voting
from evaluation.services import notice as notice_service
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
            notice_phase=notice_service.phase(campaign),
            published=campaign.is_published,
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

    # -- public vote (网络投票) and comments (评议留言) -------------------------------------
    # The list and candidate pages are shared by every anonymous visitor through the page
    # cache: they read no cookie or session. Per-visitor results come back in a signed URL
    # parameter, and pages showing one are private.

    def _candidate(self, pk):
        return get_object_or_404(Nomination.objects.candidates(self.campaign).select_related("jurisdiction"), pk=pk)

    def _with_flash(self, request, template, **extra):
        flash = votes.read_flash(request)
        response = self._render(request, template, flash=flash, vote_open=self._vote_open(), **extra)
        if request.GET.get(votes.FLASH_PARAM):
            response["Cache-Control"] = "private, no-store"
        return response

    def _vote_open(self):
        return self.campaign.stage_is_open(StageKind.VOTE)

    @path("candidates/")
    def candidates(self, request):
        listing = candidate_listing(self.campaign, request.GET)
        attach_counts(listing["candidates"], votes.live_counts(self.campaign))
        return self._with_flash(
            request,
            "evaluation/campaign_candidates.html",
            # Published with the counts: valid, held and invalid totals, the voting rules and the brushing rules.
            vote_report=brushing.public_report(self.campaign),
            vote_rules=voting.rules_for(self.campaign).describe(),
            **listing,
        )

    @path("candidates/counts/")
    def candidate_counts(self, request):
        counts = votes.live_counts(self.campaign)
        response = JsonResponse({str(pk): valid for pk, valid in counts.items()})
        response["Cache-Control"] = f"public, max-age={votes.COUNTS_CACHE_SECONDS}"
        return response

    @path("candidates/<int:pk>/")
    def candidate(self, request, pk):
        candidate = self._candidate(pk)
        attach_public_details([candidate])
        attach_counts([candidate], votes.live_counts(self.campaign))
        return self._with_flash(
            request,
            "evaluation/campaign_candidate.html",
            candidate=candidate,
            comments=candidate.comments.visible().order_by("created_at"),
            comment_form=CommentForm(),
            share_url=request.build_absolute_uri(request.path),
        )

    # The POSTs of vote, comment and report_comment arrive through evaluation.public.views.campaign_action.

    @path("candidates/<int:pk>/vote/")
    def vote(self, request, pk):
        candidate = self._candidate(pk)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if request.method != "POST":
            return self._private(
                request,
                "evaluation/campaign_vote_confirm.html",
                candidate=candidate,
                flash=votes.read_flash(request),
                captcha_token=captcha.issue(request),
            )
        if not votes.same_origin(request):
            return _forbidden(wants_json)
        token = None
        try:
            voter, token = votes.voter_for(request, self.campaign)
            result = voting.cast(
                self.campaign,
                candidate.pk,
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
            message = f"投票成功！您为{candidate.nominee_name}投了一票，凭证号：{receipt}"
        if wants_json:
            count = voting.counts(self.campaign).get(candidate.pk, {"valid": 0})["valid"] if ok else None
            body = {"ok": ok, "code": code, "message": message, "receipt": receipt, "count": count}
            if code in CAPTCHA_CODES:
                body["confirm_url"] = f"{self.url}candidates/{candidate.pk}/vote/"
            response = JsonResponse(body, status=status)
        else:
            back = self.url + (
                f"candidates/{candidate.pk}/" if request.POST.get("next") == "candidate" else "candidates/"
            )
            if code in CAPTCHA_CODES:
                back = f"{self.url}candidates/{candidate.pk}/vote/"
            flash = votes.flash_token(ok=ok, message=message, candidate_id=candidate.pk, receipt=receipt)
            response = redirect(f"{back}?{urlencode({votes.FLASH_PARAM: flash})}#vote-message")
        if token:
            # Sent back only to this page's vote actions, where it is read.
            action_prefix = reverse("evaluation:campaign_action", args=[self.pk, "vote", candidate.pk]).rsplit("/", 2)[
                0
            ]
            votes.set_voter_cookie(response, self.campaign, token, action_prefix + "/")
        response["Cache-Control"] = "private, no-store"
        return response

    @path("candidates/<int:pk>/comment/")
    def comment(self, request, pk):
        candidate = self._candidate(pk)
        form = CommentForm(request.POST if request.method == "POST" else None)
        if form.is_bound:
            if not votes.same_origin(request):
                return _forbidden(False)
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
                    message = "留言已提交，审核通过后将显示在页面上。"
                    flash = votes.flash_token(ok=True, message=message, candidate_id=candidate.pk)
                    return redirect(
                        f"{self.url}candidates/{candidate.pk}/?{urlencode({votes.FLASH_PARAM: flash})}#vote-message"
                    )
        return self._private(
            request,
            "evaluation/campaign_comment.html",
            candidate=candidate,
            form=form,
            captcha_token=captcha.issue(request),
        )

    @path("comments/<int:pk>/report/")
    def report_comment(self, request, pk):
        found = get_object_or_404(
            Comment.objects.visible().filter(candidate__in=Nomination.objects.candidates(self.campaign)), pk=pk
        )
        if request.method != "POST":
            return redirect(f"{self.url}candidates/{found.candidate_id}/")
        if not votes.same_origin(request):
            return _forbidden(False)
        if throttle.allow(request, "comment_report"):
            comments.report(found)
            message = "感谢您的举报，我们会尽快核实处理。"
        else:
            message = throttle.MESSAGE
        flash = votes.flash_token(ok=True, message=message, candidate_id=found.candidate_id)
        return redirect(
            f"{self.url}candidates/{found.candidate_id}/?{urlencode({votes.FLASH_PARAM: flash})}#vote-message"
        )

    def _private(self, request, template, **extra):
        response = self._render(request, template, **extra)
        response["Cache-Control"] = "private, no-store"
        return response

    @path("notice/")
    @method_decorator(sensitive_post_parameters("phone", "name"))
    def notice(self, request):
        """The shortlist during the notice period (its dates decide), with the objection form."""
        campaign = self.campaign
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
                    return redirect(self.url + self.reverse_subpage("notice_done"))
            token = captcha.issue(request)
        response = self._render(
            request,
            "evaluation/campaign_notice.html",
            phase=phase,
            stage=notice_service.notice_stage(campaign),
            candidates=candidates,
            form=form,
            captcha_token=token,
            objection_results=notice_service.published_results(campaign),
        )
        if request.method == "POST":
            response["Cache-Control"] = "private, no-store"
        return response

    @path("notice/done/")
    def notice_done(self, request):
        number = request.session.get("last_objection_number")
        if not number:
            return redirect(self.url + self.reverse_subpage("notice"))
        return self._render(request, "evaluation/campaign_notice_done.html", case_number=number)

    @path("results/")
    def results(self, request):
        """The published honourees, once the release is live on the honour roll."""
        campaign = self.campaign
        if not campaign.is_published:
            raise Http404("评选结果尚未发布。")
        return self._render(
            request,
            "evaluation/campaign_results.html",
            release=campaign.release_page,
            honours=publication.results(campaign),
        )


def _forbidden(wants_json):
    message = "请从本站页面提交。"
    if wants_json:
        return JsonResponse({"ok": False, "code": "cross_site", "message": message}, status=403)
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")


# Refusals that a captcha answered on the vote's own page resolves.
CAPTCHA_CODES = ("captcha_required", "captcha_invalid")

STATUS_STEPS = [
    (Status.PENDING_GRASSROOTS, "基层审核"),
    (Status.PENDING_DISTRICT, "县区/单位审核"),
    (Status.PENDING_CITY, "市级初审"),
    (Status.ACCEPTED, "成为有效候选人"),
]

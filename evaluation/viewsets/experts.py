"""Expert review in the admin: draws, scoring screens, the ranking and the shortlist.

Experts (users linked to an Expert) see 我的评审: their candidates' public fields,
a declaration, then the scoring form.  City staff run the draw, watch progress,
close the round, read the ranking with its robustness report and cut the shortlist.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from evaluation import rules
from evaluation.choices import DeclarationDecision, StageKind
from evaluation.models import (
    Campaign,
    Expert,
    ExpertDraw,
    NominationPhoto,
    Rubric,
    ShortlistEntry,
)
from evaluation.models.scoring import CRITERION_MAX_POINTS
from evaluation.services import drawing, scoring, stage_dates
from evaluation.services.conflicts import candidates_for_review
from evaluation.services.drawing import verify
from evaluation.services.review_settings import settings_for

# --- the expert's own screens ---------------------------------------------------------------------


def public_candidate(nomination):
    """What an expert may read about a candidate: the fields a public candidate page shows."""
    jurisdiction = nomination.jurisdiction
    district = jurisdiction.district.name if jurisdiction.district_id else jurisdiction.name
    return {
        "name": nomination.nominee_name,
        "category": nomination.get_category_display(),
        "district": district,
        "story": nomination.story,
        "photos": [p.public_image for p in nomination.photos.all() if p.public_image_id],
    }


class ExpertOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        self.expert = rules.expert_of(request.user)
        if self.expert is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyReviewView(ExpertOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/expert_my_review.html"
    page_title = "我的评审"
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = []
        for draw in scoring.open_rounds_for(self.expert):
            # Experts score with the public vote in view (valid votes only).
            votes = scoring.vote_totals(draw.campaign)
            rows = [
                (a, public_candidate(a.nomination), votes.get(a.nomination.pk, 0))
                for a in scoring.assignments(self.expert, draw)
            ]
            refusal = stage_dates.refusal(draw.campaign, StageKind.EXPERT_REVIEW, "声明或评分")
            rounds.append({"draw": draw, "rows": rows, "stage_refusal": refusal})
        context["rounds"] = rounds
        return context


class DeclarationForm(forms.Form):
    decision = forms.ChoiceField(label="利害关系声明", choices=DeclarationDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="回避理由", max_length=300, required=False)


def score_form_class(rubric):
    fields = {
        f"criterion_{c.pk}": forms.IntegerField(
            label=f"{c.name}（权重{c.weight}%）",
            min_value=0,
            max_value=CRITERION_MAX_POINTS,
            help_text=c.description or f"0至{CRITERION_MAX_POINTS}分",
        )
        for c in rubric.criteria.all()
    }
    fields["comment"] = forms.CharField(label="评语（选填）", max_length=500, required=False, widget=forms.Textarea)
    return type("ScoreForm", (forms.Form,), fields)


class CandidateReviewView(ExpertOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/expert_candidate.html"
    header_icon = "form"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.draw = get_object_or_404(ExpertDraw, pk=kwargs["draw_id"])
        photos = NominationPhoto.objects.filter(public_image__isnull=False).select_related("public_image")
        self.nomination = get_object_or_404(
            candidates_for_review(self.draw.campaign).prefetch_related(Prefetch("photos", queryset=photos)),
            pk=kwargs["nomination_id"],
        )

    def dispatch(self, request, *args, **kwargs):
        expert = rules.expert_of(request.user)
        if not scoring.is_on_panel(expert, self.draw) or self.draw.is_closed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"评审：{self.nomination.nominee_name}"

    def assignment(self):
        return next(a for a in scoring.assignments(self.expert, self.draw) if a.nomination.pk == self.nomination.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment()
        context.update(candidate=public_candidate(self.nomination), assignment=assignment, draw=self.draw)
        refusal = stage_dates.refusal(self.draw.campaign, StageKind.EXPERT_REVIEW, "声明或评分")
        context["stage_refusal"] = refusal
        if "form" not in kwargs and refusal is None:
            if assignment.declaration is None:
                context["form"] = DeclarationForm()
            elif not assignment.declaration.is_recusal and assignment.score is None:
                try:
                    context["form"] = score_form_class(scoring.rubric_for(self.draw.campaign))()
                except ValidationError as exc:
                    context["rubric_error"] = "；".join(exc.messages)
        context["is_declaration"] = isinstance(context.get("form"), DeclarationForm)
        return context

    def post(self, request, *args, **kwargs):
        assignment = self.assignment()
        try:
            if assignment.declaration is None:
                form = DeclarationForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                declaration = scoring.declare(
                    self.draw,
                    actor=request.user,
                    nomination=self.nomination,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, "已回避该候选人。" if declaration.is_recusal else "声明已记录，请评分。")
            else:
                form = score_form_class(scoring.rubric_for(self.draw.campaign))(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                points = {int(k.split("_")[1]): v for k, v in form.cleaned_data.items() if k.startswith("criterion_")}
                scoring.submit_score(
                    self.draw,
                    actor=request.user,
                    nomination=self.nomination,
                    points=points,
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, "评分已提交，提交后不能修改。")
                return redirect("evaluation_my_review:index")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect(request.path)


class ShownIf(MenuItem):
    rule = None

    def is_shown(self, request):
        return bool(self.rule(request.user))


class MyReviewViewSet(ViewSet):
    name = "evaluation_my_review"
    url_prefix = "evaluation/my-review"
    icon = "form"
    menu_label = "我的评审"
    menu_order = 150
    add_to_admin_menu = True

    @property
    def menu_item_class(self):
        return type("MyReviewMenuItem", (ShownIf,), {"rule": staticmethod(rules.is_expert)})

    def get_urlpatterns(self):
        return [
            path("", MyReviewView.as_view(), name="index"),
            path("<int:draw_id>/<int:nomination_id>/", CandidateReviewView.as_view(), name="candidate"),
        ]


# --- city staff: draws, progress, ranking, shortlist ----------------------------------------------


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not rules.can_run_expert_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewCampaignsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/expert_campaigns.html"
    page_title = "专家评审"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = Campaign.objects.prefetch_related("expert_draws").order_by("-created_at")
        return context


class CampaignReviewView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One campaign's expert review: draws, progress, closing, ranking, robustness, shortlist."""

    template_name = "evaluation/admin/expert_campaign.html"
    header_icon = "group"
    ACTIONS = ("prepare", "draw", "close", "cut")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.campaign = get_object_or_404(Campaign, pk=kwargs["campaign_id"])

    def get_page_title(self):
        return f"专家评审：{self.campaign.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draws = list(self.campaign.expert_draws.order_by("round"))
        names = dict(Expert.objects.values_list("pk", "name"))
        context.update(
            campaign=self.campaign,
            review_settings=settings_for(self.campaign),
            stage=self.campaign.stage(StageKind.EXPERT_REVIEW),
            rubric=Rubric.objects.filter(campaign=self.campaign).first(),
            stage_refusal=stage_dates.refusal(self.campaign, StageKind.EXPERT_REVIEW, "抽取专家"),
            candidates=candidates_for_review(self.campaign).count(),
            draws=[
                {
                    "draw": d,
                    "panel": [names.get(e, e) for e in d.panel],
                    "verified": verify(d),
                    "progress": scoring.progress(d) if d.is_drawn else [],
                }
                for d in draws
            ],
            shortlist=ShortlistEntry.objects.filter(campaign=self.campaign).select_related("nomination"),
            api_url=f"/api/v1/campaigns/{self.campaign.pk}/draws",
        )
        if scoring.closed_round(self.campaign) is not None:
            try:
                report = scoring.ranking_report(self.campaign)
            except ValidationError as exc:
                context["report_error"] = "；".join(exc.messages)
            else:
                name = {pk: n.nominee_name for pk, n in report.nominations.items()}
                context.update(
                    report=report,
                    ranking_rows=[(row, report.nominations[row.candidate]) for row in report.rows],
                    scenario_rows=[
                        (s, "、".join(name[c] for c in s.entered), "、".join(name[c] for c in s.left))
                        for s in report.scenarios
                    ],
                )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            messages.error(request, "无效的操作。")
            return redirect(request.path)
        try:
            if action == "prepare":
                draw = drawing.prepare_draw(self.campaign, actor=request.user)
                messages.success(request, f"第{draw.round}轮：已公布随机种子的哈希值，可以抽取。")
            elif action == "draw":
                draw = drawing.perform_draw(self._draw(), actor=request.user)
                messages.success(request, f"第{draw.round}轮已抽取{len(draw.panel)}名专家，随机种子已公布。")
            elif action == "close":
                draw = drawing.close_round(self._draw(), actor=request.user)
                messages.success(request, f"第{draw.round}轮评审已结束。")
            else:
                entries = scoring.cut_shortlist(self.campaign, actor=request.user)
                messages.success(request, f"已拟定初步名单{len(entries)}人。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(request.path)

    def _draw(self):
        return get_object_or_404(ExpertDraw, campaign=self.campaign, pk=self.request.POST.get("draw"))


class ExpertReviewViewSet(ViewSet):
    name = "evaluation_expert_review"
    url_prefix = "evaluation/expert-review"
    icon = "group"
    menu_label = "专家评审"

    @property
    def menu_item_class(self):
        return type("ExpertReviewMenuItem", (ShownIf,), {"rule": staticmethod(rules.can_run_expert_review)})

    def get_urlpatterns(self):
        return [
            path("", ReviewCampaignsView.as_view(), name="index"),
            path("<int:campaign_id>/", CampaignReviewView.as_view(), name="campaign"),
        ]


def campaign_review_url(campaign):
    return reverse("evaluation_expert_review:campaign", args=[campaign.pk])


expert_review_viewset = ExpertReviewViewSet()
my_review_viewset = MyReviewViewSet()

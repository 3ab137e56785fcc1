"""The campaign's public page (routable: overview, nominate, status lookup, candidates and votes, comments,
public notice with objections, results).

Each route delegates to its view in `evaluation/public/`, which takes the request and this page.
The page lives beside the models rather than among them because it names those views, and
models never import views, forms or services. `EvaluationConfig.ready()` imports this module.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from evaluation.choices import StageKind
from evaluation.public import comment as comment_views
from evaluation.public import nominate as nominate_views
from evaluation.public import notice as notice_views
from evaluation.public import results as results_views
from evaluation.public import vote as vote_views
from evaluation.public.rendering import render
from evaluation.services import notice as notice_service


class CampaignPageQuerySet(PageQuerySet):
    def for_home_cards(self):
        """Only what the home page's campaign cards show (evaluation/includes/home_campaigns.html)."""
        return (
            self.select_related("campaign")
            .only("title", "depth", "path", "url_path", "first_published_at", "campaign__period_label")
            .order_by("-first_published_at", "-pk")
        )


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

    objects = PageManager.from_queryset(CampaignPageQuerySet)()

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

    @path("")
    def overview(self, request):
        return render(request, self, "evaluation/campaign_page.html")

    @path("nominate/")
    def nominate(self, request):
        return nominate_views.nominate(request, self)

    @path("nominate/done/")
    def nominate_done(self, request):
        return nominate_views.nominate_done(request, self)

    @path("status/")
    def status(self, request):
        return nominate_views.status(request, self)

    @path("candidates/")
    def candidates(self, request):
        return vote_views.candidates(request, self)

    @path("candidates/counts/")
    def candidate_counts(self, request):
        return vote_views.candidate_counts(request, self)

    @path("candidates/<int:pk>/")
    def candidate(self, request, pk):
        return vote_views.candidate(request, self, pk)

    # The POSTs of vote, comment and report_comment arrive through evaluation.public.views.campaign_action.

    @path("candidates/<int:pk>/vote/")
    def vote(self, request, pk):
        return vote_views.vote(request, self, pk)

    @path("candidates/<int:pk>/comment/")
    def comment(self, request, pk):
        return comment_views.comment(request, self, pk)

    @path("comments/<int:pk>/report/")
    def report_comment(self, request, pk):
        return comment_views.report_comment(request, self, pk)

    @path("notice/")
    def notice(self, request):
        return notice_views.notice(request, self)

    @path("notice/done/")
    def notice_done(self, request):
        return notice_views.notice_done(request, self)

    @path("results/")
    def results(self, request):
        return results_views.results(request, self)

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from portal import fragments
from portal.models import ArticlePage, ChannelPage, HonoureePage, NoticePage, ReleasePage, StoryPage
from portal.models.listing import CAROUSEL_SPECS, LIST_IMAGE_SPECS, PHOTO_SPECS, prefetch_renditions
from portal.models.mixins import FragmentCacheMixin


class HomePage(FragmentCacheMixin, Page):
    """The front page: gathers the latest of every channel.

    Other apps add sections through the `home_page_sections` hook: each hook
    returns a dict (`template`, context values) or None.  That is how open
    evaluation campaigns appear here without `portal`/`home` importing them.
    """

    page_description = "网站首页，自动汇集各栏目的最新内容。每个站点只需一个。"

    welcome = models.CharField("欢迎语", max_length=200, blank=True)
    news_channel = models.ForeignKey(
        "portal.ChannelPage",
        verbose_name="要闻栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice_channel = models.ForeignKey(
        "portal.ChannelPage",
        verbose_name="通知公告栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story_channel = models.ForeignKey(
        "portal.ChannelPage",
        verbose_name="身边故事栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carousel_size = models.PositiveSmallIntegerField("轮播图数量", default=5)

    content_panels = Page.content_panels + [
        FieldPanel("welcome"),
        MultiFieldPanel(
            [
                FieldPanel("news_channel"),
                FieldPanel("notice_channel"),
                FieldPanel("story_channel"),
                FieldPanel("carousel_size"),
            ],
            heading="首页版块",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.ChannelPage", "portal.HonourRollPage", "portal.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        # The site root: the walk down the page tree is remembered by generation.
        return fragments.cached_route(self, request, path_components, super().route)

    def channels(self):
        """The channels of the page, in one query: {"news", "notices", "stories"} (page or None), and "nav".

        "nav" lists the live channels just below the home page marked to show here, in tree order.
        """
        ids = {"news": self.news_channel_id, "notices": self.notice_channel_id, "stories": self.story_channel_id}
        nav = Q(live=True, show_on_home=True, depth=self.depth + 1, path__startswith=self.path)
        chosen = Q(pk__in=[pk for pk in ids.values() if pk])
        rows = list(ChannelPage.objects.filter(nav | chosen).for_links("live", "show_on_home").order_by("path"))
        found = {page.pk: page for page in rows}
        below = lambda page: page.depth == self.depth + 1 and page.path.startswith(self.path)  # noqa: E731
        return {
            **{key: found.get(pk) for key, pk in ids.items()},
            "nav": [page for page in rows if page.live and page.show_on_home and below(page)],
        }

    def latest(self, model, channel, count, *fields):
        """The newest `count` pages of `model` under `channel`, with `fields` (default: what the model's card shows)."""
        pages = model.objects.live()
        if channel is not None:
            pages = pages.descendant_of(channel)
        pages = pages.for_links(*fields) if fields else pages.for_cards()
        return pages.order_by("-date", "-id")[:count]

    def latest_release(self):
        releases = ReleasePage.objects.live().for_links("level", "year", "period_label")
        return releases.order_by("-date", "-id").first()

    def carousel(self):
        """The newest featured articles with a cover picture."""
        featured = ArticlePage.objects.live().filter(featured=True, cover_image__isnull=False)
        return featured.for_links("cover_image").select_related("cover_image").order_by("-date", "-id")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = HomeSections(self, request)
        return context


class HomeSections:
    """What the home page shows, read by its template (inside the cached fragment: a hit runs no query)."""

    def __init__(self, home, request):
        self.home = home
        self.request = request

    @cached_property
    def channels(self):
        return self.home.channels()

    @cached_property
    def release(self):
        return self.home.latest_release()

    @cached_property
    def news(self):
        return list(self.home.latest(ArticlePage, self.channels["news"], 8, "date"))

    @cached_property
    def notices(self):
        return list(self.home.latest(NoticePage, self.channels["notices"], 8, "date", "deadline"))

    @cached_property
    def pictures(self):
        """The lists with pictures (carousel, stories, the release's honourees), their renditions loaded together."""
        honourees = []
        if self.release is not None:
            honourees = HonoureePage.objects.child_of(self.release).live().for_cards().order_by("path")[:8]
        carousel, stories, honourees = prefetch_renditions(
            (self.home.carousel()[: self.home.carousel_size], "cover_image", CAROUSEL_SPECS),
            (self.home.latest(StoryPage, self.channels["stories"], 4), "cover_image", LIST_IMAGE_SPECS),
            (honourees, "photo", PHOTO_SPECS),
        )
        return {"carousel": carousel, "stories": stories, "honourees": honourees}

    @cached_property
    def extra_sections(self):
        """What other apps add (`home_page_sections` hooks), e.g. the open evaluation campaigns."""
        hooks_found = hooks.get_hooks("home_page_sections")
        return [section for fn in hooks_found if (section := fn(self.request, self.home))]

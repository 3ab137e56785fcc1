from django.db import models
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from portal import fragments
from portal.cards import CAROUSEL_NARROW, CAROUSEL_WIDE
from portal.lazy_context import lazy
from portal.models import ArticlePage, ChannelPage, HonoureePage, NoticePage, ReleasePage, StoryPage
from portal.models.honour_roll import PHOTO_FILTERS
from portal.models.listing import LIST_IMAGE_FILTERS, attach_images_together, for_cards, for_links
from portal.models.mixins import FragmentCacheMixin
from portal.models.page_rows import ListedPageMixin
from portal.models.prepared import prepared_rows

CAROUSEL_FILTERS = (CAROUSEL_WIDE, CAROUSEL_NARROW)


class HomePage(ListedPageMixin, FragmentCacheMixin, Page):
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
        rows = prepared_rows(
            ("home channels", self.path, *ids.values()),
            lambda: for_links(ChannelPage.objects.filter(nav | chosen), "live", "show_on_home").order_by("path"),
        )
        found = {page.pk: page for page in rows}
        below = lambda page: page.depth == self.depth + 1 and page.path.startswith(self.path)  # noqa: E731
        return {
            **{key: found.get(pk) for key, pk in ids.items()},
            "nav": [page for page in rows if page.live and page.show_on_home and below(page)],
        }

    def latest(self, model, channel, count, *fields):
        """The newest `count` pages of `model` under `channel`, loading `fields` (default: the model's card fields)."""

        def build():
            qs = model.objects.live()
            if channel is not None:
                qs = qs.descendant_of(channel)
            qs = for_links(qs, *fields) if fields else for_cards(qs)
            return qs.order_by("-date", "-id")[:count]

        return prepared_rows(("home latest", model, channel and channel.path, count, fields), build)

    def latest_release(self):
        def newest():
            releases = for_links(ReleasePage.objects.live(), "level", "year", "period_label")
            return releases.order_by("-date", "-id")[:1]

        return next(iter(prepared_rows(("home release",), newest)), None)

    def pictures(self, channels, release):
        """The lists with pictures (carousel, stories, the latest release's honourees), their images loaded together."""

        def carousel():
            featured = ArticlePage.objects.live().filter(featured=True, cover_image__isnull=False)
            featured = for_links(featured.select_related("cover_image"), "cover_image")
            return featured.order_by("-date", "-id")[: self.carousel_size]

        def honourees():
            below = HonoureePage.objects.child_of(release).live().select_related("district")
            return for_cards(below).order_by("path")[:8]

        (carousel, *_), (stories, *_), (honourees, *_) = attach_images_together(
            [
                (prepared_rows(("home carousel", self.carousel_size), carousel), "cover_image", CAROUSEL_FILTERS),
                (self.latest(StoryPage, channels["stories"], 4), "cover_image", LIST_IMAGE_FILTERS),
                (prepared_rows(("home honourees", release.path), honourees) if release else [], "photo", PHOTO_FILTERS),
            ]
        )
        return {"carousel": carousel, "stories": stories, "honourees": honourees}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached content fragment runs none of these queries; a render runs each once.
        channels = lazy(self.channels)
        release = lazy(self.latest_release)
        pictures = lazy(lambda: self.pictures(channels(), release()))
        context.update(
            home_channels=channels,
            carousel=lazy(lambda: pictures()["carousel"]),
            news=lazy(lambda: self.latest(ArticlePage, channels()["news"], 8, "date")),
            notices=lazy(lambda: self.latest(NoticePage, channels()["notices"], 8, "date", "deadline")),
            stories=lazy(lambda: pictures()["stories"]),
            release=release,
            release_honourees=lazy(lambda: pictures()["honourees"]),
            channels=lazy(lambda: channels()["nav"]),
            extra_sections=lazy(
                lambda: [section for fn in hooks.get_hooks("home_page_sections") if (section := fn(request, self))]
            ),
        )
        return context

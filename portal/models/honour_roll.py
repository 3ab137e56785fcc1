from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.choices import Category, Level, SubjectKind

from .districts import District
from .listing import PHOTO_SPECS, ListingPageManager, paginate, prefetch_renditions
from .mixins import FragmentCacheMixin, SegmentedSearchMixin, stream_text


class HonourRollPage(FragmentCacheMixin, Page):
    """The honour roll (好人榜): index of releases, with a filterable list of honourees."""

    page_description = "好人榜总入口：列出各期榜单，访客可按类别、年份筛选入选者。全站只需一个。"

    intro = models.TextField("简介", blank=True)
    per_page = models.PositiveSmallIntegerField("每页人数", default=24)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["portal.ReleasePage"]

    class Meta:
        verbose_name = "好人榜"
        verbose_name_plural = "好人榜"

    def releases(self):
        """The live releases of this roll, newest first, with what their list and the filters show."""
        releases = ReleasePage.objects.child_of(self).live()
        return releases.for_links("level", "year", "period_label", "date").order_by("-date", "-id")

    def filtered_honourees(self, params, releases):
        """Honourees under this roll matching the category / level / district / year filters (`releases`: a list)."""
        qs = HonoureePage.objects.live().descendant_of(self)
        if params.get("category") in Category.values:
            qs = qs.filter(category=params["category"])
        if params.get("district", "").isdigit():
            qs = qs.filter(district_id=int(params["district"]))
        level, year = params.get("level"), params.get("year", "")
        if level in Level.values or year.isdigit():
            chosen = [
                r
                for r in releases
                if (level not in Level.values or r.level == level) and (not year.isdigit() or r.year == int(year))
            ]
            if not chosen:
                return qs.none()
            qs = qs.filter(reduce(or_, (Q(path__startswith=r.path) for r in chosen)))
        return qs.for_cards().order_by("-release_date", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            listing=HonourRollListing(self, request),
            categories=Category.choices,
            levels=Level.choices,
            filters={k: request.GET.get(k, "") for k in ("category", "level", "district", "year")},
        )
        return context


class HonourRollListing:
    """What the honour roll's page lists, read by its template (inside the cached fragment: a hit runs no query)."""

    def __init__(self, roll, request):
        self.roll = roll
        self.request = request

    @cached_property
    def releases(self):
        return list(self.roll.releases())

    @cached_property
    def page_obj(self):
        honourees = self.roll.filtered_honourees(self.request.GET, self.releases)
        return paginate(self.request, honourees, self.roll.per_page)

    @cached_property
    def honourees(self):
        (honourees,) = prefetch_renditions((self.page_obj.object_list, "photo", PHOTO_SPECS))
        return honourees

    def district_choices(self):
        """(pk, name) of every district, for the filter (its template keeps them by generation)."""
        return list(District.objects.values_list("pk", "name"))

    @cached_property
    def year_choices(self):
        return [(y, f"{y}年") for y in sorted({r.year for r in self.releases}, reverse=True)]


class ReleasePage(FragmentCacheMixin, Page):
    """One release of the honour roll, e.g. 2026年第二季度."""

    page_description = "好人榜的一期，如“2026年上半年”，放在好人榜下，汇集本期入选者。"

    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.CITY)
    year = models.PositiveSmallIntegerField("年度")
    period_label = models.CharField("期次", max_length=50, help_text="例如：第二季度、上半年、年度")
    date = models.DateField("发布日期", default=timezone.localdate)
    intro = models.TextField("发布说明", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("year"), FieldPanel("period_label"), FieldPanel("date")],
            heading="本期信息",
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["portal.HonourRollPage"]
    subpage_types = ["portal.HonoureePage"]

    class Meta:
        verbose_name = "好人榜发布"
        verbose_name_plural = "好人榜发布"

    objects = ListingPageManager()

    def honourees(self, category=""):
        """The live honourees of this release (of `category`, if given), with what their cards show: its own
        profiles, and the people honoured again here whose profile lives under an earlier release."""
        listed = HonoureePage.objects.child_of_q(self) | Q(honours__release=self)
        honourees = HonoureePage.objects.filter(listed).distinct().live()
        if category:
            honourees = honourees.filter(category=category)
        return honourees.for_cards().order_by("category", "path")

    def reviewed_with(self):
        """Profiles created with this release and never yet live: approving the release publishes them too."""
        return list(HonoureePage.objects.child_of(self).filter(live=False, first_published_at__isnull=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category")
        context.update(
            listing=ReleaseListing(self, category if category in Category.values else ""),
            categories=Category.choices,
            current_category=category if category in Category.values else "",
        )
        return context


class ReleaseListing:
    """The honourees a release's page shows, read by its template (inside the cached fragment)."""

    def __init__(self, release, category):
        self.release = release
        self.category = category

    @cached_property
    def honourees(self):
        (honourees,) = prefetch_renditions((self.release.honourees(self.category), "photo", PHOTO_SPECS))
        return honourees


class HonoureePage(FragmentCacheMixin, SegmentedSearchMixin, Page):
    """Public profile of an honouree. Only fields fit for publication live here."""

    page_description = "一位入选者（个人或集体）的公开介绍，只放可以公开的事迹和照片。"
    # Its card in listings, and the fields that card shows (ListingQuerySet.for_cards).
    card_template = "includes/cards/honouree.html"
    card_fields = ("category", "deed", "photo", "district__name")

    subject_kind = models.CharField("类型", max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON)
    category = models.CharField("类别", max_length=30, choices=Category.choices)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="照片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name="所在县区", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.CharField("工作单位或身份", max_length=100, blank=True)
    deed = models.CharField("主要事迹（一句话）", max_length=200, blank=True)
    story = StreamField(BodyBlock(), verbose_name="事迹", blank=True)
    release_date = models.DateField("入选日期", default=timezone.localdate, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("subject_kind"), FieldPanel("category"), FieldPanel("district"), FieldPanel("unit")],
            heading="基本信息",
        ),
        FieldPanel("photo"),
        FieldPanel("deed"),
        FieldPanel("story"),
        InlinePanel("honours", label="所获荣誉"),
    ]

    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.search_fields
        + [
            index.FilterField("category"),
            index.FilterField("release_date"),
        ]
    )

    parent_page_types = ["portal.ReleasePage"]
    subpage_types = []

    objects = ListingPageManager()

    class Meta:
        verbose_name = "好人档案"
        verbose_name_plural = "好人档案"

    @property
    def name(self):
        return self.title

    def honours_newest_first(self):
        """The titles held, newest first: a later release or a promotion adds one to the same profile."""
        return self.honours.order_by("-date", "-pk")

    @property
    def summary(self):
        return self.deed or stream_text(self.story)[:120]

    def get_search_source(self):
        district = self.district.name if self.district_id else ""
        return [self.title, self.get_category_display(), district, self.unit, self.deed, stream_text(self.story)]

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        release = parent.specific if parent is not None else None
        if isinstance(release, ReleasePage):
            self.release_date = release.date
        super().save(*args, **kwargs)


class HonourHeld(Orderable):
    """A title the honouree holds (e.g. 市级好人榜 2026年第二季度)."""

    honouree = ParentalKey(HonoureePage, on_delete=models.CASCADE, related_name="honours")
    name = models.CharField("荣誉名称", max_length=100)
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.CITY)
    date = models.DateField("授予日期")
    release = models.ForeignKey(
        ReleasePage,
        verbose_name="所在发布",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listed_honours",
        help_text="该荣誉所在的一期好人榜；同一人再次入选时，档案也列在新一期中。",
    )

    panels = [FieldPanel("name"), FieldPanel("level"), FieldPanel("date"), FieldPanel("release")]

    class Meta(Orderable.Meta):
        verbose_name = "所获荣誉"
        verbose_name_plural = "所获荣誉"

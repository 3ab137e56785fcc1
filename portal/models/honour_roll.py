from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.choices import Category, Level, SubjectKind
from portal.lazy_context import lazy

from .districts import District
from .listing import attach_images, for_cards, for_links, paginate
from .mixins import FragmentCacheMixin, SegmentedSearchMixin, stream_text
from .page_rows import ListedPageMixin
from .prepared import prepared_rows

# A person card's photo: the spec the cards write (portal/cards.py), its filters the listings load.
PHOTO_SPEC = "fill-{300x400,600x800}"
PHOTO_FILTERS = tuple(Filter.expand_spec(PHOTO_SPEC))


class HonourRollPage(ListedPageMixin, FragmentCacheMixin, Page):
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
        """What the list of releases and the level / year filters read (a list)."""

        def releases():
            releases = ReleasePage.objects.child_of(self).live()
            return for_links(releases, "level", "year", "period_label", "date").order_by("-date", "-id")

        return prepared_rows(("roll releases", self.path), releases)

    def filtered_honourees(self, params, releases):
        """Honourees under this roll matching the category / level / district / year filters: (key, queryset).

        The key holds all the queryset depends on, for `paginate`.
        """
        qs = HonoureePage.objects.live().descendant_of(self)
        key = ["roll honourees", self.path]
        if params.get("category") in Category.values:
            qs = qs.filter(category=params["category"])
            key += ["category", params["category"]]
        if params.get("district", "").isdigit():
            qs = qs.filter(district_id=int(params["district"]))
            key += ["district", int(params["district"])]
        level, year = params.get("level"), params.get("year", "")
        if level in Level.values or year.isdigit():
            chosen = [
                r
                for r in releases
                if (level not in Level.values or r.level == level) and (not year.isdigit() or r.year == int(year))
            ]
            if not chosen:
                return None, qs.none()
            qs = qs.filter(reduce(or_, (Q(path__startswith=r.path) for r in chosen)))
            key += ["releases", *(r.path for r in chosen)]
        return tuple(key), for_cards(qs.select_related("district")).order_by("-release_date", "path")

    def get_context(self, request, *args, **kwargs):
        from portal.fragments import by_generation  # the fragments sit above the models

        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached content fragment runs none of these queries.
        releases = lazy(self.releases)

        def page_obj():
            key, honourees = self.filtered_honourees(request.GET, releases())
            return paginate(request, honourees, self.per_page, key=key)

        page_obj = lazy(page_obj)
        context.update(
            releases=releases,
            page_obj=page_obj,
            honourees=lazy(lambda: attach_images(page_obj().object_list, "photo", PHOTO_FILTERS)),
            categories=Category.choices,
            levels=Level.choices,
            # The filter's districts: reference data, kept by generation like menus (a save bumps it).
            district_choices=lazy(
                lambda: by_generation("districts", request, lambda: list(District.objects.values_list("pk", "name")))
            ),
            year_choices=lazy(lambda: [(y, f"{y}年") for y in sorted({r.year for r in releases()}, reverse=True)]),
            filters={k: request.GET.get(k, "") for k in ("category", "level", "district", "year")},
        )
        return context


class ReleasePage(ListedPageMixin, FragmentCacheMixin, Page):
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

    def honourees(self):
        honourees = HonoureePage.objects.child_of(self).live().select_related("district")
        return for_cards(honourees).order_by("category", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category")
        category = category if category in Category.values else ""

        def honourees():
            qs = self.honourees()
            return qs.filter(category=category) if category else qs

        rows = lambda: prepared_rows(("release honourees", self.path, category), honourees)  # noqa: E731
        context.update(
            honourees=lazy(lambda: attach_images(rows(), "photo", PHOTO_FILTERS)),
            categories=Category.choices,
            current_category=category,
        )
        return context


class HonoureePage(ListedPageMixin, FragmentCacheMixin, SegmentedSearchMixin, Page):
    """Public profile of an honouree. Only fields fit for publication live here."""

    page_description = "一位入选者（个人或集体）的公开介绍，只放可以公开的事迹和照片。"
    # What a person card (portal/cards.py) reads; listings select_related("district").
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

    class Meta:
        verbose_name = "好人档案"
        verbose_name_plural = "好人档案"

    @property
    def name(self):
        return self.title

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

    panels = [FieldPanel("name"), FieldPanel("level"), FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "所获荣誉"
        verbose_name_plural = "所获荣誉"

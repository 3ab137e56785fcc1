"""Public site search over articles, notices, stories and honouree profiles."""

from collections import namedtuple

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal import fragments
from portal.choices import Category
from portal.models import ChannelPage

from .engine import search_pages
from .indexing import indexed_models
from .models import SearchQuery
from .results import MAX_PAGES
from .segmentation import highlight_terms

MAX_QUERY_LENGTH = 100
Channel = namedtuple("Channel", "pk title")
TYPE_LABELS = [(key, model._meta.verbose_name) for key, model in indexed_models().items()]


class _ResultWindow:
    """Stands for all results in a Paginator while holding only the current page's ids."""

    def __init__(self, result):
        self.result = result
        self.offset = (result.number - 1) * result.per_page

    def __len__(self):
        return min(self.result.total, MAX_PAGES * self.result.per_page)

    def __getitem__(self, window):
        if window.start == self.offset:
            return self.result.ids
        return []


def top_channels(request=None):
    """Live channels just below a site's home page (depth 3): the channel filter's choices, as (pk, title).

    Read from the few channel rows first: a filter on the page table's depth
    or path would walk every page of the archive. Kept in the cache until the
    next publish (the page-cache generation), so a search runs no query for them.
    """

    def build():
        ids = list(ChannelPage.objects.values_list("pk", flat=True).order_by())
        channels = ChannelPage.objects.live().filter(pk__in=ids, depth=3).order_by("path")
        return [Channel(pk, title) for pk, title in channels.values_list("pk", "title")]

    return fragments.by_generation("search:channels", request, build)


def promotions_for(query, request=None):
    """Editors' promoted results (置顶) for this query: live public pages or external links, in their order.

    All promotions are few: they are read once per generation (saving or
    deleting one starts a new generation, search/signals.py) and looked up here.
    """
    return fragments.by_generation("search:promotions", request, _promotions_by_query).get(
        normalise_query_string(query), []
    )


def _promotions_by_query():
    promotions = list(SearchPromotion.objects.select_related("page", "query").order_by("sort_order", "pk"))
    page_ids = [p.page_id for p in promotions if p.page_id]
    public_ids = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    by_query = {}
    for promotion in promotions:
        if (promotion.page_id in public_ids) or (not promotion.page_id and promotion.external_link_url):
            by_query.setdefault(promotion.query.query_string, []).append(promotion)
    return by_query


def _filters(request):
    params = request.GET
    kind = params.get("type", "")
    category = params.get("category", "")
    year = params.get("year", "")
    channel = params.get("channel", "")
    return {
        "type": kind if kind in dict(TYPE_LABELS) else "",
        "category": category if category in Category.values else "",
        "year": int(year) if year.isdigit() and 1990 < int(year) < 2100 else None,
        "channel": int(channel) if channel.isdigit() else None,
    }


def search(request):
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    filters = _filters(request)
    channels = top_channels(request)
    if filters["channel"] not in {channel.pk for channel in channels}:
        filters["channel"] = None

    page_obj, results, result, promoted = None, [], None, []
    if query:
        result = search_pages(query, filters, request.GET.get("page", 1))
        page_obj = Paginator(_ResultWindow(result), result.per_page).page(result.number)
        specific = {p.pk: p for p in Page.objects.live().filter(pk__in=result.ids).specific()}
        results = [specific[pk] for pk in result.ids if pk in specific]
        if request.GET.get("page", "1") in ("", "1"):
            # Promotions are not results: a query the index cannot answer still counts as zero-result.
            SearchQuery.record(query, result.total)
            promoted = promotions_for(query, request)

    this_year = timezone.localdate().year
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results,
            "promoted": promoted,
            "page_obj": page_obj,
            "result": result,
            "strategy": result.strategy if result else "none",
            "terms": highlight_terms(query),
            "filters": filters,
            "type_choices": TYPE_LABELS,
            "category_choices": Category.choices,
            "channels": channels,
            "years": list(range(this_year, this_year - 8, -1)),
        },
    )

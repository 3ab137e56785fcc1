"""Public site search over articles, notices, stories and honouree profiles."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal.choices import Category
from portal.models import ArticlePage, ChannelPage, HonoureePage, NoticePage, StoryPage

from .models import SearchQuery
from .segmentation import highlight_terms, query_bigrams, query_words

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100
SEARCH_TYPES = {
    "article": ArticlePage,
    "notice": NoticePage,
    "story": StoryPage,
    "honouree": HonoureePage,
}
TYPE_LABELS = [(key, model._meta.verbose_name) for key, model in SEARCH_TYPES.items()]
DATED_MODELS = ((ArticlePage, "date"), (NoticePage, "date"), (StoryPage, "date"), (HonoureePage, "release_date"))


def _restricted_ids(category, year):
    """Ids of pages matching the category and/or year filters (None: no restriction)."""
    if not category and not year:
        return None
    ids = None
    if category:
        ids = set(StoryPage.objects.filter(category=category).values_list("pk", flat=True))
        ids |= set(HonoureePage.objects.filter(category=category).values_list("pk", flat=True))
    if year:
        year_ids = set()
        for model, field in DATED_MODELS:
            year_ids |= set(model.objects.filter(**{f"{field}__year": year}).values_list("pk", flat=True))
        ids = year_ids if ids is None else ids & year_ids
    return ids


def run_search(queryset, query):
    """Search with jieba words (all must match), then bigrams, then any word, then single characters."""
    words = query_words(query)
    if not words:
        return [], "none"
    attempts = [(" ".join(words), "and", "words")]
    bigrams = query_bigrams(query)
    if bigrams and bigrams != words:
        attempts.append((" ".join(bigrams), "and", "bigrams"))
    if len(words) > 1:
        attempts.append((" ".join(words), "or", "any"))
    for text, operator, strategy in attempts:
        results = queryset.search(text, operator=operator)
        if results.count():
            return results, strategy
    if all(len(word) == 1 for word in words):
        # A lone character (often a surname) is neither a word nor a bigram in
        # the index: look for it inside the stored segmented text instead.
        matches = queryset.filter(_contains_all(words)).order_by("-first_published_at", "-pk")
        if matches.exists():
            return matches, "characters"
    return [], "none"


def _contains_all(characters):
    condition = Q()
    for character in characters:
        condition &= Q(
            *[Q(**{f"{model._meta.model_name}__search_text__contains": character}) for model in SEARCH_TYPES.values()],
            _connector=Q.OR,
        )
    return condition


def promotions_for(query):
    """Editors' promoted results (置顶) for this query: live public pages or external links, in their order."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    public_ids = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[p.page_id for p in promotions if p.page_id])
        .values_list("pk", flat=True)
    )
    return [p for p in promotions if (p.page_id in public_ids) or (not p.page_id and p.external_link_url)]


def _filters(request):
    params = request.GET
    kind = params.get("type", "")
    category = params.get("category", "")
    year = params.get("year", "")
    channel = params.get("channel", "")
    return {
        "type": kind if kind in SEARCH_TYPES else "",
        "category": category if category in Category.values else "",
        "year": int(year) if year.isdigit() and 1990 < int(year) < 2100 else None,
        "channel": int(channel) if channel.isdigit() else None,
    }


def search(request):
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    filters = _filters(request)
    channels = ChannelPage.objects.live().filter(depth=3).order_by("path")

    page_obj, results, strategy, promoted = None, [], "none", []
    if query:
        models = [SEARCH_TYPES[filters["type"]]] if filters["type"] else list(SEARCH_TYPES.values())
        queryset = Page.objects.live().public().type(*models)
        channel = channels.filter(pk=filters["channel"]).first() if filters["channel"] else None
        if channel is not None:
            queryset = queryset.descendant_of(channel)
        ids = _restricted_ids(filters["category"], filters["year"])
        if ids is not None:
            queryset = queryset.filter(pk__in=sorted(ids))
        found, strategy = run_search(queryset, query)
        paginator = Paginator(found, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        page_ids = [p.pk for p in page_obj.object_list]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
        results = [specific[pk] for pk in page_ids if pk in specific]
        if request.GET.get("page", "1") in ("", "1"):
            # Promotions are not results: a query the index cannot answer still counts as zero-result.
            SearchQuery.record(query, paginator.count)
            promoted = promotions_for(query)

    this_year = timezone.localdate().year
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results,
            "promoted": promoted,
            "page_obj": page_obj,
            "strategy": strategy,
            "terms": highlight_terms(query),
            "filters": filters,
            "type_choices": TYPE_LABELS,
            "category_choices": Category.choices,
            "channels": channels,
            "years": list(range(this_year, this_year - 8, -1)),
        },
    )

"""Site search through Wagtail's search API, for when the default backend is Elasticsearch.

The same strategies as the database index (all words, then bigrams, then any
word), each asked of `queryset.search()`; filters narrow the queryset first.
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .results import ResultPage, clamp_page
from .segmentation import query_bigrams, query_words


def _models():
    from .indexing import indexed_models

    return indexed_models()


def _restricted_ids(category, year):
    """Ids of pages matching the category and/or year filters (None: no restriction)."""
    if not category and not year:
        return None
    models = _models()
    ids = None
    if category:
        ids = set(models["story"].objects.filter(category=category).values_list("pk", flat=True))
        ids |= set(models["honouree"].objects.filter(category=category).values_list("pk", flat=True))
    if year:
        year_ids = set()
        for key, field in (("article", "date"), ("notice", "date"), ("story", "date"), ("honouree", "release_date")):
            year_ids |= set(models[key].objects.filter(**{f"{field}__year": year}).values_list("pk", flat=True))
        ids = year_ids if ids is None else ids & year_ids
    return ids


def _backend_filters():
    """The backend's own category/year filtering, when it has one (search/backends/elasticsearch8.py)."""
    backend = get_search_backend()
    return backend if hasattr(backend, "search_within") else None


def filtered_queryset(filters, in_index=False):
    """Live public pages of the chosen types and channel; category and year as page ids unless `in_index`."""
    models = _models()
    kinds = [models[filters["type"]]] if filters.get("type") else list(models.values())
    queryset = Page.objects.live().public().type(*kinds)
    if filters.get("channel"):
        channel = Page.objects.filter(pk=filters["channel"]).first()
        if channel is not None:
            queryset = queryset.descendant_of(channel)
    if not in_index:
        ids = _restricted_ids(filters.get("category"), filters.get("year"))
        if ids is not None:
            queryset = queryset.filter(pk__in=sorted(ids))
    return queryset


def run_search(queryset, query, filters=None):
    """Search with jieba words (all must match), then bigrams, then any word, then single characters.

    With a backend that filters category and year inside its index, `queryset`
    carries no id list and `filters` go to the backend instead.
    """
    filters = filters or {}
    backend = _backend_filters() if (filters.get("category") or filters.get("year")) else None
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
        if backend is not None:
            results = backend.search_within(
                text, queryset, operator=operator, category=filters.get("category", ""), year=filters.get("year")
            )
        else:
            results = queryset.search(text, operator=operator)
        if results.count():
            return results, strategy
    if all(len(word) == 1 for word in words):
        # A lone character (often a surname) is neither a word nor a bigram in
        # the index: look for it inside the stored segmented text instead.
        if backend is not None:  # the database fallback needs the filters as page ids
            ids = _restricted_ids(filters.get("category"), filters.get("year"))
            queryset = queryset.filter(pk__in=sorted(ids or ()))
        matches = queryset.filter(_contains_all(words)).order_by("-first_published_at", "-pk")
        if matches.exists():
            return matches, "characters"
    return [], "none"


def _contains_all(characters):
    condition = Q()
    for character in characters:
        condition &= Q(
            *[Q(**{f"{model._meta.model_name}__search_text__contains": character}) for model in _models().values()],
            _connector=Q.OR,
        )
    return condition


def search_with_wagtail(query, filters, page, per_page):
    in_index = _backend_filters() is not None
    found, strategy = run_search(filtered_queryset(filters, in_index=in_index), query, filters)
    total = found.count() if hasattr(found, "count") and not isinstance(found, list) else len(found)
    if not total:
        return ResultPage(per_page=per_page)
    number = clamp_page(page, total, per_page)
    start = (number - 1) * per_page
    return ResultPage([p.pk for p in found[start : start + per_page]], total, False, strategy, number, per_page)

"""Wagtail's Elasticsearch 8 backend, told that the indexed Chinese text is already segmented.

Pages store `search_text`: jieba words and character bigrams joined by spaces
(search/segmentation.py), and queries are segmented the same way before they
reach the backend.  Elasticsearch's default `standard` analyzer would cut that
text into single characters, so a query for 志愿 would match any page holding
志 and 愿 anywhere.  Here the segmented fields, and the catch-all `_all_text`
fields Wagtail copies them into, use a whitespace analyzer instead: a token in
the index is exactly a word or bigram from segmentation, as in the database
backend.  No Chinese analyzer plugin (IK, smartcn) is needed on the server.

`_all_text` gets the whitespace analyzer in every index, because all page
types share one index and its mapping must agree between them.  Text that is
not segmented (titles, image titles) then stays one token per unbroken run of
characters, as on the database backend (SQLite FTS5, PostgreSQL `simple`);
the segmented text already holds the titles' words.

Settings: WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.elasticsearch8"
(portal/settings/base.py does this when ELASTICSEARCH_URL is set).
"""

from copy import copy, deepcopy

from modelsearch.index import SearchField
from modelsearch.utils import deep_update
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

SEGMENTED_ANALYZER = "segmented_words"
# Model fields that hold space-separated segmented text (portal.models.mixins.SegmentedSearchMixin).
SEGMENTED_FIELDS = frozenset({"search_text"})
ALL_TEXT_FIELD = "_all_text"

SEGMENTED_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                SEGMENTED_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase"],
                },
            },
        },
    },
}


def _is_all_text(name):
    return name == ALL_TEXT_FIELD or name.startswith(ALL_TEXT_FIELD + "_boost_")


class SegmentedMapping(Elasticsearch8Mapping):
    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and field.field_name in SEGMENTED_FIELDS:
            mapping["analyzer"] = SEGMENTED_ANALYZER
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        # Searches without `fields=` (the public search) go to these catch-all
        # fields, which receive the segmented text through copy_to.
        for name, properties in mapping["properties"].items():
            if _is_all_text(name):
                properties["analyzer"] = SEGMENTED_ANALYZER
        return mapping


class SegmentedSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = SegmentedMapping
    extra_filters = ()  # clauses from SegmentedSearchBackend.search_within

    def get_filters(self):
        return super().get_filters() + list(self.extra_filters)


class SegmentedAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = SegmentedMapping


class SegmentedSearchBackend(Elasticsearch8SearchBackend):
    mapping_class = SegmentedMapping
    query_compiler_class = SegmentedSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedAutocompleteQueryCompiler
    results_class = Elasticsearch8SearchResults
    # Wagtail's analyzers plus ours; the site's INDEX_SETTINGS are merged over these.
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), SEGMENTED_INDEX_SETTINGS)

    def search_within(self, query, queryset, *, operator=None, category="", year=None):
        """`queryset.search(query, operator=…)` limited to a category and/or year inside the index.

        The search page's other path turns these filters into a list of page
        ids; at a million pages a year holds more ids than one `terms` query
        takes (65,536 by default). The index holds each page type's date and
        category as filter fields, so the filter can be a clause instead.
        """
        clauses = page_filters(self.mapping_class, category=category, year=year)
        # The same backend (its client shared) with a query compiler that adds the clauses.
        filtered = copy(self)
        filtered.query_compiler_class = type(
            "FilteredQueryCompiler", (self.query_compiler_class,), {"extra_filters": clauses}
        )
        return filtered.search(query, queryset, operator=operator, order_by_relevance=True)


def _filter_column(mapping_class, model, field_name):
    field = next(f for f in model.get_filterable_search_fields() if f.field_name == field_name)
    return mapping_class(model).get_field_column_name(field)


def page_filters(mapping_class, *, category="", year=None):
    """Elasticsearch clauses for the search page's category and year filters."""
    from portal.models import ArticlePage, HonoureePage, NoticePage, StoryPage

    clauses = []
    if category:
        columns = [_filter_column(mapping_class, model, "category") for model in (StoryPage, HonoureePage)]
        clauses.append({"bool": {"should": [{"term": {column: category}} for column in columns]}})
    if year:
        dated = ((ArticlePage, "date"), (NoticePage, "date"), (StoryPage, "date"), (HonoureePage, "release_date"))
        span = {"gte": f"{year:04d}-01-01", "lte": f"{year:04d}-12-31"}
        columns = [_filter_column(mapping_class, model, name) for model, name in dated]
        clauses.append({"bool": {"should": [{"range": {column: dict(span)}} for column in columns]}})
    return clauses


SearchBackend = SegmentedSearchBackend

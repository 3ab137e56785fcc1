"""Behaviour shared by the publicity page types."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.html import strip_tags
from wagtail.search import index

from search.segmentation import segment_for_index


class SegmentedSearchMixin(models.Model):
    """Stores a jieba-segmented copy of the page's text for Chinese search.

    Subclasses list the text to index in `get_search_source()`.
    """

    search_text = models.TextField("分词索引", blank=True, editable=False)

    search_fields = [index.SearchField("search_text")]

    class Meta:
        abstract = True

    def get_search_source(self):
        return [self.title]

    def save(self, *args, **kwargs):
        # Only a full save (publishing, an import) or one that names search_text re-segments.
        # Saving a draft revision saves the page's bookkeeping fields from an object that
        # holds the draft: its text must not reach the live row, nor the index built from it.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "search_text" in update_fields:
            self.search_text = segment_for_index(*self.get_search_source())
        super().save(*args, **kwargs)


def stream_text(stream_value):
    """Plain text of a StreamField value, for indexing and summaries."""
    if not stream_value:
        return ""
    block = stream_value.stream_block
    return " ".join(block.get_searchable_content(stream_value))


def richtext_text(html):
    return strip_tags(html or "")


class LeadSummaryMixin:
    """A page summarised by its lead, or by the start of its body where the lead is empty.

    A listing loads the body only for rows without a lead (`card_fallbacks`,
    read by listing.for_cards, which annotates it as `card_body`): bodies are
    the largest column of an article, and most articles have a lead.
    """

    card_fallbacks = {"body": "lead"}  # load `body` only where `lead` is empty

    @property
    def summary(self):
        if self.lead:
            return self.lead
        if hasattr(self, "card_body"):  # a listing's row: the body's stored JSON, read only here
            return stream_text(self._meta.get_field("body").to_python(self.card_body))[:120]
        return stream_text(self.body)[:120]


def shares_fragments(request):
    """Whether this request may use what is cached for every visitor (as the page cache decides)."""
    return (
        getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) > 0
        and request is not None
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def fragment_caches(request):
    """The cache aliases for a page's {% wagtailcache %} fragments: (page content, site-wide chrome).

    Fragments are shared by every visitor, so only anonymous GET requests use
    them; the others get the dummy cache ("none"), which renders every time.
    CACHE_PAGE_FRAGMENTS=0 renders the content on every request and keeps only
    the site-wide chrome (the footer), as menus are kept.
    """
    shared = shares_fragments(request)
    page = "fragments" if shared and getattr(settings, "CACHE_PAGE_FRAGMENTS", True) else "none"
    return page, "fragments" if shared else "none"


class FragmentCacheMixin:
    """A public page type whose rendered parts are cached by generation (base.html's {% wagtailcache %}).

    Only for pages whose HTML depends on nothing but the URL and the published
    content: no forms, no per-visitor state.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fragment_cache"], context["site_fragment_cache"] = fragment_caches(request)
        context["fragment_seconds"] = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
        return context

    def get_view_restrictions(self):
        # Wagtail's reads the ancestors, then their restrictions; their tree paths
        # find both at once. As in Wagtail's, an alias on the way counts by its source page.
        from wagtail.models import PageViewRestriction

        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        own = Q(page__path__in=paths, page__alias_of__isnull=True)
        return PageViewRestriction.objects.filter(own | Q(page__aliases__path__in=paths)).distinct()

"""Behaviour shared by the publicity page types."""

from django.db import models
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


class FragmentCacheMixin:
    """A public page type whose rendered parts may be cached by generation (portal/fragments.py).

    Only for pages whose HTML depends on nothing but the URL and the published
    content: no forms, no per-visitor state.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cache_fragments"] = True
        return context

    def get_view_restrictions(self):
        from portal.fragments import cached_view_restrictions

        return cached_view_restrictions(self, super().get_view_restrictions)

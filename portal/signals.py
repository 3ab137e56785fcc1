"""Side effects of content changes: page-cache invalidation and the content-check report.

Receivers take the arguments documented by Wagtail and Django for each
signal (`sender`, `instance`, ...), and only clear caches or rebuild the
content-check report's rows; the content itself is never changed here.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache


def _invalidate(sender, **kwargs):
    cache.invalidate_all()


def _invalidate_unless_created(sender, created=False, **kwargs):
    # Site settings are created with their defaults on the first page view; the
    # page that view renders already shows those defaults.
    if not created:
        cache.invalidate_all()


def _refresh_content_findings(sender, instance, created=False, raw=False, **kwargs):
    """A new page revision: rebuild that page's rows in the content-check report."""
    from wagtail.models import Page

    from .review import refresh_findings

    if created and not raw and issubclass(instance.base_content_type.model_class(), Page):
        refresh_findings(instance.as_object())


def connect():
    from wagtail.models import Page, PageViewRestriction, Revision, Site

    from .models import District, Menu, MenuItem, SiteSettings

    page_published.connect(_invalidate, dispatch_uid="portal_cache_published")
    page_unpublished.connect(_invalidate, dispatch_uid="portal_cache_unpublished")
    post_page_move.connect(_invalidate, dispatch_uid="portal_cache_moved")
    post_delete.connect(_invalidate, sender=Page, dispatch_uid="portal_cache_page_deleted")
    post_save.connect(_refresh_content_findings, sender=Revision, dispatch_uid="portal_content_findings")
    post_save.connect(_invalidate_unless_created, sender=SiteSettings, dispatch_uid="portal_cache_save_SiteSettings")
    # Sites and view restrictions too: cached pages and fragments were rendered under them.
    for model in (District, Menu, MenuItem, Site, PageViewRestriction):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"portal_cache_save_{model.__name__}")
    for model in (District, Menu, MenuItem, SiteSettings, Site, PageViewRestriction):
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"portal_cache_delete_{model.__name__}")

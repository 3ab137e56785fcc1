"""Keep the site search index in step with what is live and public, and the promotions read afresh."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_unpublished, post_page_move

from . import indexing


def _page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None:
        # A partial save (e.g. saving a draft revision) leaves the live content
        # as the database holds it, not as this in-memory copy has it.
        instance = type(instance).objects.filter(pk=instance.pk).first()
        if instance is None:
            return
    indexing.index_pages([instance])


def _page_gone(sender, instance, **kwargs):
    indexing.remove([instance.pk])


def _page_moved(sender, instance, **kwargs):
    indexing.index_subtree(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself was deleted
    if not raw and page is not None:
        indexing.index_subtree(page)


def _promotions_changed(sender, **kwargs):
    from portal.cache import invalidate_all

    invalidate_all()  # the search page reads the promotions by generation (search/views.py)


def connect():
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import PageViewRestriction

    for model in indexing.indexed_models().values():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"search_index_saved_{model.__name__}")
        post_delete.connect(_page_gone, sender=model, dispatch_uid=f"search_index_deleted_{model.__name__}")
    page_unpublished.connect(_page_gone, dispatch_uid="search_index_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search_index_moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_index_restricted")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_index_unrestricted")
    post_save.connect(_promotions_changed, sender=SearchPromotion, dispatch_uid="search_promotion_saved")
    post_delete.connect(_promotions_changed, sender=SearchPromotion, dispatch_uid="search_promotion_deleted")

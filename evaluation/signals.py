"""Side effects of evaluation changes: campaign edits change public pages, so the page cache is cleared.

Receivers take Django's post_save/post_delete arguments (`sender`, `instance`, ...).
"""

from django.db.models.signals import post_delete, post_save

from portal.cache import invalidate_all


def _invalidate(sender, **kwargs):
    invalidate_all()


def connect():
    from .models import Campaign, CampaignStage

    for model in (Campaign, CampaignStage):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"evaluation_cache_save_{model.__name__}")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"evaluation_cache_delete_{model.__name__}")

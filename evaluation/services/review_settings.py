"""A campaign's expert review settings, created with defaults on first use."""

from evaluation.models import ExpertReviewSettings
from evaluation.models.scoring import QUOTA_CEILING, QUOTA_FLOOR


def settings_for(campaign):
    """The campaign's ExpertReviewSettings; the default quota is kept inside the campaign's own range."""
    existing = ExpertReviewSettings.objects.filter(campaign=campaign).first()
    if existing is not None:
        return existing
    quota = min(max(QUOTA_FLOOR, campaign.honouree_quota_min), QUOTA_CEILING)
    return ExpertReviewSettings.objects.create(campaign=campaign, honouree_quota=quota)

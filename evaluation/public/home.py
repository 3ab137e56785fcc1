"""The home page's campaign area: campaign pages with a stage running today, each with its `open_stages`."""

from django.utils import timezone

from evaluation.models import CampaignStage
from evaluation.pages import CampaignPage

HOME_CARDS = 4


def campaign_area(request, home_page):
    """The `home_page_sections` entry of the campaign cards, or None when no campaign is running."""
    open_stages = {}
    running = CampaignStage.objects.running(timezone.localdate()).only("campaign_id", "kind", "ends_on")
    for stage in running.order_by("sort_order"):
        open_stages.setdefault(stage.campaign_id, []).append(stage)
    if not open_stages:
        return None
    pages = list(CampaignPage.objects.live().filter(campaign_id__in=list(open_stages)).for_home_cards()[:HOME_CARDS])
    for page in pages:
        page.open_stages = open_stages[page.campaign_id]
    if not pages:
        return None
    return {"template": "evaluation/includes/home_campaigns.html", "campaign_pages": pages}

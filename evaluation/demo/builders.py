"""Small builders shared by the demo modules (loader, voting, experts, results)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Min
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Site

from evaluation.models import CampaignStage
from evaluation.validators import id_number_check_code
from portal.demo.builder import Publisher

DEPARTMENTS = ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]


def id_number(region, born, seq):
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + id_number_check_code(first17)


def photo(name, hue):
    image = Image.new("RGB", (480, 640), (200, 120 + hue % 80, 100))
    ImageDraw.Draw(image).ellipse((140, 120, 340, 360), fill=(245, 225, 205))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"{name}.jpg", out.getvalue(), content_type="image/jpeg")


def campaign_page(campaign, slug, intro, title=None, rules="", actor=None):
    """The campaign's page under the home page, published and dated to the day the campaign opened.

    Dated like the portal's demo pages, so the admin's page lists do not say that
    campaigns of past months were all updated "3 分钟之前".  None if the site has no
    home page that takes campaign pages, or the slug is taken.
    """
    from evaluation.pages import CampaignPage  # page models load after the app registry

    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if home is None or not CampaignPage.can_create_at(home) or home.get_children().filter(slug=slug).exists():
        return None
    page = CampaignPage(title=title or campaign.title, slug=slug, campaign=campaign, intro=intro, rules=rules)
    opened = campaign.stages.aggregate(first=Min("starts_on"))["first"]
    today = timezone.localdate()
    return Publisher(actor, rng=None).add(home, page, day=min(opened or today, today))


def dated_stages(campaign, plan):
    """The campaign's stages from (kind, first day, last day) with days counted from today."""
    today = timezone.localdate()
    for order, (kind, start, end) in enumerate(plan):
        CampaignStage.objects.create(
            campaign=campaign,
            kind=kind,
            sort_order=order,
            starts_on=today + datetime.timedelta(days=start),
            ends_on=today + datetime.timedelta(days=end),
        )

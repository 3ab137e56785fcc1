"""The demo: a pool of 30+, a campaign in expert review, and expert1 on its panel with candidates to score."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from evaluation import demo
from evaluation.demo import experts as demo_experts
from evaluation.models import Campaign, Expert
from evaluation.services import drawing


@pytest.fixture
def loaded(demo_site, db):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_site["roll"]


def test_demo_pool_draw_and_expert1_screens(client, loaded):
    assert Expert.objects.count() >= 30
    campaign = Campaign.objects.get(title=demo_experts.REVIEW_CAMPAIGN_TITLE)
    draw = campaign.expert_draws.get()
    assert drawing.verify(draw) and len(draw.panel) == 10
    assert draw.excluded, "experts sitting in the candidates' districts are excluded before the draw"
    expert1 = get_user_model().objects.get(username="expert1")
    assert expert1.expert.pk in draw.panel
    client.force_login(expert1)
    page = client.get(reverse("evaluation_my_review:index")).content.decode()
    assert "孟凡荣" in page and page.count("待声明利害关系") == 6
    assert not demo.load(log=lambda *args: None)

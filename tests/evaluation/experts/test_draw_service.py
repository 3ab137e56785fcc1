"""Preparing, performing and re-checking a recorded draw."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from evaluation.models import ExpertDraw
from evaluation.services import drawing

from .conftest import make_candidate, make_expert


@pytest.mark.django_db
def test_seed_stays_sealed_until_the_draw_then_the_panel_re_runs(campaign, pool, city_staff):
    draw = drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1)
    assert draw.seed == "" and draw.panel == [] and len(draw.seed_hash) == 64
    draw = drawing.perform_draw(draw, actor=city_staff)
    assert drawing.seed_hash(draw.seed) == draw.seed_hash
    # Anyone can re-run the rule from the published values.
    published = ExpertDraw.objects.get(pk=draw.pk)
    assert (
        drawing.draw_panel(
            published.seed, published.pool, published.types, published.excluded, published.max_per_type, published.size
        )
        == published.panel
    )
    assert len(published.panel) == 5
    # One per affiliation type: five types, five different ones.
    assert len({published.types[str(e)] for e in published.panel}) == 5
    assert drawing.verify(published)
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"evaluation.draw_prepared", "evaluation.draw_performed"} <= actions


@pytest.mark.django_db
def test_a_draw_cannot_be_repeated_and_a_tampered_panel_fails_verification(campaign, pool, city_staff):
    draw = drawing.perform_draw(drawing.prepare_draw(campaign, actor=city_staff, size=5), actor=city_staff)
    with pytest.raises(ValidationError):
        drawing.perform_draw(draw, actor=city_staff)
    draw.panel = list(reversed(draw.panel))
    assert not drawing.verify(draw)


@pytest.mark.django_db
def test_rounds_are_numbered_and_one_pending_draw_at_a_time(campaign, pool, city_staff):
    first = drawing.prepare_draw(campaign, actor=city_staff, size=5)
    with pytest.raises(ValidationError):
        drawing.prepare_draw(campaign, actor=city_staff, size=5)
    drawing.perform_draw(first, actor=city_staff)
    assert drawing.prepare_draw(campaign, actor=city_staff, size=5).round == 2


@pytest.mark.django_db
def test_only_city_staff_draw(campaign, pool, expert_user):
    with pytest.raises(PermissionDenied):
        drawing.prepare_draw(campaign, actor=expert_user, size=5)


@pytest.mark.django_db
def test_conflicted_experts_are_excluded_before_the_draw(campaign, jurisdictions, pool, city_staff):
    candidate = make_candidate(campaign, jurisdictions["hexi_street"], 1, unit="河西区人民医院")
    same_unit = make_expert(90, jurisdictions["city"], unit="河西区人民医院")
    same_district = make_expert(91, jurisdictions["hexi"])
    draw = drawing.prepare_draw(campaign, actor=city_staff, size=10, max_per_type=3)
    excluded = {e["expert"]: e["reason"] for e in draw.excluded}
    assert set(excluded) == {same_unit.pk, same_district.pk}
    assert f"候选人编号{candidate.pk}" in excluded[same_unit.pk]
    draw = drawing.perform_draw(draw, actor=city_staff)
    assert same_unit.pk not in draw.panel and same_district.pk not in draw.panel
    assert len(draw.panel) == 10


@pytest.mark.django_db
def test_refuses_a_panel_the_pool_cannot_fill(campaign, pool, city_staff):
    # 12 experts over 5 types, at most 1 per type: only 5 can be drawn.
    with pytest.raises(ValidationError, match="可抽取的专家不足"):
        drawing.prepare_draw(campaign, actor=city_staff, size=6, max_per_type=1)
    assert not ExpertDraw.objects.exists()

"""GET /api/v1/campaigns/{id}/draws: the public record of each draw, with no personal details."""

import json

import pytest

from evaluation.services import drawing

from .conftest import make_candidate, make_expert

KEYS = {
    "round",
    "seed_hash",
    "seed",
    "pool",
    "types",
    "max_per_type",
    "excluded",
    "size",
    "panel",
    "published_at",
    "drawn_at",
}


@pytest.mark.django_db
def test_seed_is_null_until_drawn_then_the_panel_re_runs(client, campaign, jurisdictions, pool, city_staff):
    make_candidate(campaign, jurisdictions["hexi_street"], 1, unit="河西区人民医院")
    conflicted = make_expert(80, jurisdictions["city"], unit="河西区人民医院", ties="王小明")
    draw = drawing.prepare_draw(campaign, actor=city_staff, size=5, max_per_type=1)
    body = client.get(f"/api/v1/campaigns/{campaign.pk}/draws").json()
    assert len(body) == 1 and set(body[0]) == KEYS
    assert body[0]["seed"] is None and body[0]["panel"] == [] and body[0]["seed_hash"] == draw.seed_hash
    assert body[0]["excluded"][0]["expert"] == conflicted.pk

    drawing.perform_draw(draw, actor=city_staff)
    published = client.get(f"/api/v1/campaigns/{campaign.pk}/draws").json()[0]
    assert drawing.seed_hash(published["seed"]) == published["seed_hash"]
    assert published["types"] == {str(e.pk): e.affiliation_type for e in [*pool, conflicted]}
    rerun = drawing.draw_panel(
        published["seed"],
        published["pool"],
        published["types"],
        published["excluded"],
        published["max_per_type"],
        published["size"],
    )
    assert rerun == published["panel"] and len(rerun) == 5


@pytest.mark.django_db
def test_no_personal_details_of_experts(client, campaign, pool, city_staff):
    drawing.perform_draw(drawing.prepare_draw(campaign, actor=city_staff, size=5), actor=city_staff)
    text = json.dumps(client.get(f"/api/v1/campaigns/{campaign.pk}/draws").json(), ensure_ascii=False)
    for expert in pool:
        assert expert.name not in text and expert.unit not in text
    assert "清河市" not in text


@pytest.mark.django_db
def test_unknown_campaign_is_a_404_in_the_error_shape(client):
    response = client.get("/api/v1/campaigns/999/draws")
    assert response.status_code == 404 and response.json() == {"message": "评选活动不存在。", "errors": {}}


@pytest.mark.django_db
def test_listed_in_the_openapi_schema(client):
    assert "/api/v1/campaigns/{campaign_id}/draws" in client.get("/api/v1/openapi.json").json()["paths"]

"""City staff set up a campaign in the admin: kind, level, categories, stages, limits."""

from evaluation.models import Campaign


def campaign_post(**overrides):
    data = {
        "title": "2027年第一季度“清河好人”推荐评议",
        "kind": "individual",
        "level": "city",
        "period": "quarterly",
        "period_label": "2027年第一季度",
        "categories": ["helping_others", "bravery"],
        "honouree_quota_min": "20",
        "honouree_quota_max": "40",
        "nomination_quota": "2",
        "category_quota": "20",
        "departments": "纪检监察\n公安",
        "story_min_chars": "100",
        "story_max_chars": "1500",
        "max_photos": "2",
        "photo_max_bytes": str(384 * 1024),
        "photo_max_pixels": "12000000",
        "photo_formats": ["JPEG", "PNG"],
        "honour_title": "清河好人",
        "publication_mode": "draft",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-kind": "nomination",
        "stages-0-enabled": "on",
        "stages-0-starts_on": "2027-01-01",
        "stages-0-ends_on": "2027-01-31",
        "stages-0-ORDER": "1",
        "stages-0-id": "",
        "stages-0-DELETE": "",
        "voting_rules-TOTAL_FORMS": "0",
        "voting_rules-INITIAL_FORMS": "0",
        "voting_rules-MIN_NUM_FORMS": "0",
        "voting_rules-MAX_NUM_FORMS": "1",
    }
    data.update(overrides)
    return data


def test_city_staff_create_a_campaign(client, staff):
    client.force_login(staff["city_staff"])
    url = "/admin/snippets/evaluation/campaign/add/"
    assert client.get(url).status_code == 200
    response = client.post(url, campaign_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.categories == ["helping_others", "bravery"]
    assert campaign.photo_formats == ["JPEG", "PNG"]
    stage = campaign.stages.get()
    assert (stage.kind, str(stage.starts_on), stage.enabled) == ("nomination", "2027-01-01", True)


def test_city_staff_set_the_voting_rules_in_the_campaign(client, staff):
    client.force_login(staff["city_staff"])
    rules = {
        "voting_rules-TOTAL_FORMS": "1",
        "voting_rules-0-identity_mode": "sms",
        "voting_rules-0-per_day_total": "5",
        "voting_rules-0-per_category_per_day": "2",
        "voting_rules-0-min_interval_seconds": "10",
        "voting_rules-0-captcha_after": "3",
        "voting_rules-0-counts_display": "snapshot",
        "voting_rules-0-snapshot_hour": "20",
        "voting_rules-0-id": "",
        "voting_rules-0-DELETE": "",
    }
    response = client.post("/admin/snippets/evaluation/campaign/add/", campaign_post(**rules))
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Campaign.objects.get().voting_rules.get()
    assert (saved.identity_mode, saved.per_day_total, saved.captcha_after) == ("sms", 5, 3)
    assert (saved.counts_display, saved.snapshot_hour) == ("snapshot", 20)
    edit = client.get(f"/admin/snippets/evaluation/campaign/edit/{saved.campaign_id}/").content.decode()
    assert "投票规则" in edit and "短信验证手机号" in edit


def test_inconsistent_limits_are_refused_with_a_message(client, staff):
    client.force_login(staff["city_staff"])
    response = client.post(
        "/admin/snippets/evaluation/campaign/add/",
        campaign_post(honouree_quota_min="50", **{"stages-0-ends_on": "2026-12-01"}),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "入选名额上限不能小于下限" in content and "结束日期不能早于开始日期" in content
    assert Campaign.objects.count() == 0


def test_reviewers_cannot_manage_campaigns(client, staff):
    client.force_login(staff["hexi_reviewer"])
    assert client.get("/admin/snippets/evaluation/campaign/add/").status_code in (302, 403)
    assert client.post("/admin/snippets/evaluation/campaign/add/", campaign_post()).status_code in (302, 403)
    assert Campaign.objects.count() == 0

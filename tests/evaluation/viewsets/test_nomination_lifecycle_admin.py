"""Admin: nominations are withdrawn, never deleted; edits of a returned nomination send it through the district."""

import pytest

from evaluation.models import Nomination
from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
from tests.factories.evaluation import nomination_data

ALL_AGREE = {d: ("agree", "") for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


def test_even_a_superuser_cannot_delete_a_nomination(client, django_user_model, nomination):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    url = f"/admin/evaluation/nominations/delete/{nomination.pk}/"
    client.get(url)
    client.post(url)
    assert Nomination.objects.filter(pk=nomination.pk).exists()
    html = client.get(f"/admin/evaluation/nominations/edit/{nomination.pk}/").content.decode()
    assert url not in html


def test_withdraw_from_the_admin_with_a_reason(client, staff, nomination):
    client.force_login(staff["hexi_submitter"])
    inspect = client.get(f"/admin/evaluation/nominations/inspect/{nomination.pk}/").content.decode()
    url = f"/admin/evaluation/nominations/{nomination.pk}/withdraw/"
    assert url in inspect and "撤回推荐" in inspect
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and Nomination.objects.get(pk=nomination.pk).status != Status.WITHDRAWN
    response = client.post(url, {"reason": "本人要求撤回"}, follow=True)
    html = response.content.decode()
    assert "已撤回" in html and "本人要求撤回" in html
    assert Nomination.objects.get(pk=nomination.pk).status == Status.WITHDRAWN


def test_other_district_cannot_withdraw(client, staff, nomination):
    client.force_login(staff["cg_reviewer"])
    response = client.post(f"/admin/evaluation/nominations/{nomination.pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).status == Status.PENDING_GRASSROOTS


def test_edited_after_city_return_goes_back_to_the_district(client, staff, nomination):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.APPROVE)
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    review.review(nomination, actor=staff["city_staff"], action=Action.RETURN, reason="请补充事迹的具体时间")
    client.force_login(staff["hexi_submitter"])
    story = nomination.story + "自2006年起坚持至今。"
    response = client.post(
        f"/admin/evaluation/nominations/edit/{nomination.pk}/",
        {
            "nominee_name": nomination.nominee_name,
            "unit": nomination.unit,
            "category": nomination.category,
            "story": story,
            "jurisdiction": nomination.jurisdiction_id,
        },
    )
    assert response.status_code == 302
    event = nomination.events.get(action="edited")
    assert event.data["changes"]["story"] == {"old": nomination.story, "new": story}
    client.post(f"/admin/evaluation/nominations/{nomination.pk}/review/", {"action": Action.RESUBMIT})
    nomination.refresh_from_db()
    assert nomination.status == Status.PENDING_DISTRICT


def _edit_data(nomination, **changes):
    data = {
        "nominee_name": nomination.nominee_name,
        "unit": nomination.unit,
        "category": nomination.category,
        "story": nomination.story,
        "jurisdiction": nomination.jurisdiction_id,
    }
    return {**data, **changes}


def _field_errors(response, name):
    return [str(m) for m in response.context["form"].errors.get(name, [])]


def test_edit_refuses_what_intake_refuses_with_intakes_messages(client, staff, campaign, jurisdictions, nomination):
    """A forbidden word, a too-short story, a bad name and a category the campaign does not evaluate."""
    from evaluation.services import cleaning
    from portal.choices import CheckLevel
    from portal.models import WordRule
    from tests.factories.evaluation import nomination_raw

    WordRule.objects.create(word="刷票代投", level=CheckLevel.FORBIDDEN)
    client.force_login(staff["city_staff"])
    url = f"/admin/evaluation/nominations/edit/{nomination.pk}/"
    original_story = nomination.story

    def intake_errors(**raw_changes):
        with pytest.raises(cleaning.NominationInvalid) as refused:
            cleaning.clean(campaign, {**nomination_raw(jurisdictions["hexi_street"]), **raw_changes}, public=False)
        return refused.value.errors

    forbidden_story = nomination.story + "另外可以刷票代投。"
    response = client.post(url, _edit_data(nomination, story=forbidden_story))
    assert response.status_code == 200
    assert _field_errors(response, "story") == ["主要事迹含有不允许使用的词语“刷票代投”，请修改。"]
    assert _field_errors(response, "story") == intake_errors(story=forbidden_story)["story"]

    response = client.post(url, _edit_data(nomination, story="太短的事迹。"))
    assert _field_errors(response, "story") == ["事迹材料不少于20字，当前6字。"]
    assert _field_errors(response, "story") == intake_errors(story="太短的事迹。")["story"]

    response = client.post(url, _edit_data(nomination, nominee_name="王秀英123"))
    assert _field_errors(response, "nominee_name") == intake_errors(nominee_name="王秀英123")["nominee_name"]

    campaign.categories = [c for c in campaign.categories if c != "bravery"]
    campaign.save(update_fields=["categories"])
    response = client.post(url, _edit_data(nomination, category="bravery"))
    assert _field_errors(response, "category")[0].startswith("本次活动不评选“见义勇为”")
    assert _field_errors(response, "category") == intake_errors(category="bravery")["category"]

    nomination.refresh_from_db()
    assert nomination.story == original_story and not nomination.events.filter(action="edited").exists()


def test_update_material_refuses_by_intakes_rules_and_writes_nothing(staff, nomination):
    from evaluation.services import cleaning, lifecycle

    with pytest.raises(cleaning.NominationInvalid) as refused:
        lifecycle.update_material(
            nomination, actor=staff["city_staff"], values={"story": "太短的事迹。", "unit": "x" * 101}
        )
    assert refused.value.errors == {
        "unit": ["工作单位或身份不超过100字，当前101字。"],
        "story": ["事迹材料不少于20字，当前6字。"],
    }
    nomination.refresh_from_db()
    assert nomination.unit != "x" * 101 and not nomination.events.filter(action="edited").exists()
    # Plain text, as intake keeps it.
    lifecycle.update_material(nomination, actor=staff["city_staff"], values={"unit": "<i>柳巷社区</i>志愿者"})
    nomination.refresh_from_db()
    assert nomination.unit == "柳巷社区志愿者"

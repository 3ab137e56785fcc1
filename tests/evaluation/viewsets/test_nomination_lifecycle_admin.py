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

"""The status lookup: POST only, and a merged nominator learns nothing of the existing nomination."""

import datetime

import pytest
from django.test import Client

from evaluation.choices import Level
from evaluation.models import HeldTitle, Nomination
from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
from tests.evaluation.pages.test_campaign_page import ID_NUMBER, form_data, fresh_captcha
from tests.factories.evaluation import nomination_data


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


@pytest.fixture
def status_url(campaign_page):
    return campaign_page.url + "status/"


def test_get_with_receipt_and_phone_in_the_url_finds_nothing(client, status_url, nomination):
    response = client.get(status_url, {"receipt_number": nomination.tracking_number, "phone": "13812345678"})
    page = response.content.decode()
    assert response.status_code == 200 and "status-result" not in page and "待基层审核" not in page
    legacy = client.get(status_url, {"tracking_number": nomination.tracking_number, "phone": "13812345678"})
    assert "待基层审核" not in legacy.content.decode()


def test_lookup_form_posts_with_a_csrf_token(status_url, nomination):
    client = Client(enforce_csrf_checks=True)
    page = client.get(status_url).content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    data = {"receipt_number": nomination.tracking_number, "phone": "13812345678"}
    assert client.post(status_url, data).status_code == 403
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert "待基层审核" in client.post(status_url, data).content.decode()


def test_merged_nominator_sees_only_a_neutral_receipt(
    client, campaign_page, status_url, nomination, jurisdictions, staff
):
    review.review(nomination, actor=staff["hexi_submitter"], action=Action.RETURN, reason="请补充事迹发生的时间")
    nominate_url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(client, nominate_url)
    data = form_data(jurisdictions["hexi_street"], token, answer, nominator_name="赵刚", nominator_phone="13900001111")
    done = client.post(nominate_url, data, follow=True).content.decode()
    second = nomination.nominators.get(name="赵刚")
    assert second.receipt_number in done and nomination.tracking_number not in done
    assert "已有其他推荐" not in done and "合并" not in done

    result = client.post(status_url, {"receipt_number": second.receipt_number, "phone": "13900001111"})
    page = result.content.decode()
    assert "已受理，正在审核" in page
    assert nomination.tracking_number not in page and "退回" not in page and "请补充事迹" not in page
    assert "progress-steps__item" not in page
    first = client.post(status_url, {"receipt_number": nomination.tracking_number, "phone": "13812345678"})
    first_page = first.content.decode()
    assert Status.RETURNED.label in first_page and "progress-steps__item" in first_page


def test_public_form_refusal_does_not_name_the_title_held(client, campaign_page, jurisdictions):
    title = HeldTitle(
        person_name="王秀英", title="山西好人", level=Level.PROVINCE, awarded_on=datetime.date(2024, 3, 1)
    )
    title.set_id_number(ID_NUMBER)
    title.save()
    url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(client, url)
    page = client.post(url, form_data(jurisdictions["hexi"], token, answer)).content.decode()
    assert "被推荐人不符合本次活动的推荐条件" in page
    assert "山西好人" not in page and "2024年03月" not in page
    assert Nomination.objects.count() == 0

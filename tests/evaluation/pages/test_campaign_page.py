"""The public nomination form, the tracking number and the status page."""

import logging

import pytest

from evaluation.guards import captcha
from evaluation.models import Nomination, Nominator
from tests.factories.evaluation import make_id_number, photo_upload

ID_NUMBER = make_id_number(seq="124")


def fresh_captcha(client, url):
    response = client.get(url)
    token = response.context["captcha_token"]
    return token, captcha.answer_for(token)


def form_data(jurisdiction, token, answer, **overrides):
    data = {
        "method": "individual",
        "channel": "territorial",
        "nominee_name": "王秀英",
        "gender": "female",
        "birth_year": "1968",
        "id_number": ID_NUMBER,
        "jurisdiction": jurisdiction.pk,
        "unit": "柳巷社区居民",
        "category": "helping_others",
        "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": token,
        "captcha_answer": answer,
    }
    data.update(overrides)
    return data


@pytest.fixture
def nominate_url(campaign_page):
    return campaign_page.url + "nominate/"


def test_public_nomination_gives_a_receipt_number(client, jurisdictions, campaign_page, nominate_url, caplog):
    token, answer = fresh_captcha(client, nominate_url)
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            nominate_url,
            {**form_data(jurisdictions["hexi_street"], token, answer), "photos": [photo_upload()]},
            follow=True,
        )
    nomination = Nomination.objects.get()
    content = response.content.decode()
    assert nomination.tracking_number in content
    assert ID_NUMBER not in content and "13812345678" not in content
    assert ID_NUMBER not in caplog.text and "13812345678" not in caplog.text
    assert nomination.photos.count() == 1

    status = client.post(
        campaign_page.url + "status/", {"receipt_number": nomination.tracking_number, "phone": "13812345678"}
    )
    page = status.content.decode()
    assert "待基层审核" in page and ID_NUMBER not in page
    assert status["Cache-Control"].startswith("private")
    wrong = client.post(
        campaign_page.url + "status/", {"receipt_number": nomination.tracking_number, "phone": "13900000000"}
    )
    assert "未找到该推荐" in wrong.content.decode()


@pytest.mark.parametrize(
    "overrides,field_message",
    [
        ({"id_number": ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")}, "校验位"),
        ({"id_number": "12345"}, "18位"),
        ({"nominator_phone": "12345"}, "11位手机号"),
        ({"birth_year": "1970"}, "出生年份与身份证号码不一致"),
        ({"gender": "male"}, "性别与身份证号码不一致"),
        ({"story": "太短"}, "不少于"),
        ({"nominee_name": ""}, "请填写被推荐人姓名"),
        ({"method": "self"}, "本人自荐须勾选同意"),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(client, jurisdictions, nominate_url, overrides, field_message):
    token, answer = fresh_captcha(client, nominate_url)
    response = client.post(nominate_url, form_data(jurisdictions["hexi"], token, answer, **overrides))
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert Nomination.objects.count() == 0 and Nominator.objects.count() == 0


def test_wrong_or_reused_captcha_is_refused(client, jurisdictions, nominate_url):
    token, answer = fresh_captcha(client, nominate_url)
    wrong = "0000" if answer != "0000" else "1111"
    response = client.post(nominate_url, form_data(jurisdictions["hexi"], token, wrong))
    assert "验证码不正确" in response.content.decode()
    response = client.post(nominate_url, form_data(jurisdictions["hexi"], token, answer))
    assert "验证码不正确" in response.content.decode(), "a spent captcha cannot be reused"
    assert Nomination.objects.count() == 0


def test_form_keeps_what_was_typed_after_an_error(client, jurisdictions, nominate_url):
    token, answer = fresh_captcha(client, nominate_url)
    response = client.post(nominate_url, form_data(jurisdictions["hexi"], token, answer, nominator_phone="1"))
    content = response.content.decode()
    assert "王秀英二十年来" in content and 'value="李明"' in content


def test_captcha_image_is_served_once_issued(client, nominate_url):
    token, _ = fresh_captcha(client, nominate_url)
    response = client.get(f"/evaluation/captcha/{token}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get("/evaluation/captcha/unknown.png").status_code == 404


def test_closed_campaign_shows_no_form(client, campaign, nominate_url):
    campaign.stages.all().delete()
    response = client.get(nominate_url)
    assert "不在推荐阶段" in response.content.decode()
    assert '<form class="nomination-form"' not in response.content.decode()


def test_open_campaign_is_listed_on_home_page(client, campaign_page):
    content = client.get("/").content.decode()
    assert "正在进行的评选" in content and campaign_page.url in content


def test_candidates_page_shows_only_accepted_consenting_nominees(client, jurisdictions, campaign, campaign_page):
    from evaluation.services import intake
    from tests.factories.evaluation import nomination_data

    accepted = intake.submit(campaign, nomination_data(jurisdictions["hexi"], nominee_name="公开好人"))[0]
    no_consent = intake.submit(
        campaign, nomination_data(jurisdictions["hexi"], nominee_name="未同意者", id_number=make_id_number(seq="224"))
    )[0]
    Nomination.objects.filter(pk__in=[accepted.pk, no_consent.pk]).update(status="accepted")
    Nomination.objects.filter(pk=accepted.pk).update(consent_given=True)
    content = client.get(campaign_page.url + "candidates/").content.decode()
    assert "公开好人" in content and "未同意者" not in content
    assert accepted.reveal_id_number() not in content and "138" not in content

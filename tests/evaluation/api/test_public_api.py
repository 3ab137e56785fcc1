"""The JSON API for H5 / WeChat front-ends: same rules as the web form."""

import pytest

from evaluation.guards import captcha
from evaluation.models import Nomination
from tests.factories.evaluation import make_id_number, photo_upload

ID_NUMBER = make_id_number(seq="124")


def payload(client, campaign, jurisdiction, **overrides):
    challenge = client.get("/api/v1/captcha").json()
    data = {
        "campaign": campaign.pk,
        "method": "individual",
        "channel": "media",
        "nominee_name": "王秀英",
        "gender": "female",
        "birth_year": 1968,
        "id_number": ID_NUMBER,
        "jurisdiction": jurisdiction.pk,
        "unit": "柳巷社区居民",
        "category": "helping_others",
        "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": challenge["captcha_key"],
        "captcha_answer": captcha.answer_for(challenge["captcha_key"]),
    }
    data.update(overrides)
    return data


def lookup(client, receipt_number, phone):
    body = {"receipt_number": receipt_number, "phone": phone}
    return client.post("/api/v1/nominations/status", body, content_type="application/json")


def test_create_and_track_a_nomination(client, campaign, jurisdictions):
    response = client.post(
        "/api/v1/nominations", {**payload(client, campaign, jurisdictions["hexi"]), "photos": [photo_upload()]}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    nomination = Nomination.objects.get()
    assert body["receipt_number"] == nomination.tracking_number and "merged" not in body
    assert nomination.photos.count() == 1 and nomination.channel == "media"

    status = lookup(client, body["receipt_number"], "13812345678")
    assert status.status_code == 200
    assert status.json()["status"] == "pending_district"
    assert ID_NUMBER not in status.content.decode() and "13812345678" not in status.content.decode()
    assert lookup(client, body["receipt_number"], "13900000000").status_code == 404
    assert lookup(client, body["receipt_number"], "abc").status_code == 400


def test_status_is_no_longer_answered_from_the_url(client, campaign, jurisdictions):
    receipt = client.post("/api/v1/nominations", payload(client, campaign, jurisdictions["hexi"])).json()
    old_route = client.get(f"/api/v1/nominations/{receipt['receipt_number']}", {"phone": "13812345678"}, follow=True)
    assert old_route.status_code == 404 and "pending_district" not in old_route.content.decode()
    query = {"receipt_number": receipt["receipt_number"], "phone": "13812345678"}
    as_get = client.get("/api/v1/nominations/status", query)
    assert as_get.status_code == 405 and "pending_district" not in as_get.content.decode()


def test_second_nominator_gets_an_own_receipt_that_reveals_nothing_of_the_first(client, campaign, jurisdictions):
    first = client.post("/api/v1/nominations", payload(client, campaign, jurisdictions["hexi"])).json()
    response = client.post(
        "/api/v1/nominations",
        payload(client, campaign, jurisdictions["hexi"], nominator_name="赵刚", nominator_phone="13900001111"),
    )
    assert response.status_code == 201
    second = response.json()
    nomination = Nomination.objects.get()
    assert nomination.nominators.count() == 2
    assert second["receipt_number"] != nomination.tracking_number
    assert second["receipt_number"] not in (first["receipt_number"], "")
    assert second["status"] == first["status"] == "received" and "merged" not in second

    status = lookup(client, second["receipt_number"], "13900001111").json()
    assert status["status_label"] == "已受理，正在审核" and nomination.tracking_number not in str(status)
    assert lookup(client, nomination.tracking_number, "13900001111").status_code == 404
    assert lookup(client, first["receipt_number"], "13812345678").json()["status"] == "pending_district"


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"id_number": "140105196805121230"}, "id_number"),
        ({"nominator_phone": "110"}, "nominator_phone"),
        ({"captcha_answer": "x"}, "captcha_answer"),
        ({"category": "unknown"}, "category"),
        ({"birth_year": 1990}, "birth_year"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_and_saves_nothing(client, campaign, jurisdictions, overrides, field):
    response = client.post("/api/v1/nominations", payload(client, campaign, jurisdictions["hexi"], **overrides))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"][:2])
    assert Nomination.objects.count() == 0


def test_story_too_short_is_reported_on_the_story_field(client, campaign, jurisdictions):
    response = client.post("/api/v1/nominations", payload(client, campaign, jurisdictions["hexi"], story="短"))
    assert response.status_code == 400 and "不少于" in response.json()["errors"]["story"][0]


def test_unknown_campaign_is_404(client, campaign, jurisdictions):
    data = {**payload(client, campaign, jurisdictions["hexi"]), "campaign": 9999}
    assert client.post("/api/v1/nominations", data).status_code == 404


def test_openapi_schema_documents_the_public_actions(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/nominations" in schema["paths"]
    assert "/api/v1/nominations/{tracking_number}" not in schema["paths"]
    status = schema["paths"]["/api/v1/nominations/status"]
    assert list(status) == ["post"] and "application/json" in status["post"]["requestBody"]["content"]
    post = schema["paths"]["/api/v1/nominations"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]

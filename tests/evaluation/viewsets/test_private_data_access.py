"""Every reveal of a full ID number or phone is recorded, and city staff can read the record."""

import pytest
from django.urls import reverse

from evaluation.models import Nomination, PrivateDataAccess
from evaluation.services import intake
from tests.factories.evaluation import make_id_number, nomination_data


@pytest.fixture
def nominations(campaign, jurisdictions):
    return [
        intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq=f"{i}04")))[0]
        for i in range(2)
    ]


def inspect_url(nomination):
    return reverse("evaluation_nominations:inspect", args=[nomination.pk])


def export(client, fmt):
    response = client.get(reverse("evaluation_nominations:index") + f"?export={fmt}")
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_city_staff_inspecting_a_nomination_is_recorded(client, staff, nominations):
    client.force_login(staff["city_staff"])
    html = client.get(inspect_url(nominations[0])).content.decode()
    assert nominations[0].reveal_id_number() in html
    access = PrivateDataAccess.objects.get()
    assert (access.user, access.purpose, access.model) == (staff["city_staff"], "inspect", "nomination")
    assert access.record_ids == [nominations[0].pk]


def test_masked_views_are_not_recorded(client, staff, nominations):
    client.force_login(staff["hexi_reviewer"])
    client.get(inspect_url(nominations[0]))
    export(client, "csv")
    client.get(f"/api/v1/review/nominations/{nominations[0].pk}")
    assert not PrivateDataAccess.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_full_export_is_recorded_with_every_exported_record(client, staff, nominations, fmt):
    client.force_login(staff["city_staff"])
    export(client, fmt)
    access = PrivateDataAccess.objects.get()
    assert access.purpose == "export" and sorted(access.record_ids) == sorted(n.pk for n in nominations)
    assert access.record_count == 2


def test_staff_api_reveal_is_recorded(client, staff, nominations):
    client.force_login(staff["city_staff"])
    client.get("/api/v1/review/nominations")
    client.get(f"/api/v1/review/nominations/{nominations[1].pk}")
    listing, detail = PrivateDataAccess.objects.order_by("pk")
    assert listing.purpose == detail.purpose == "api"
    assert sorted(listing.record_ids) == sorted(n.pk for n in nominations) and detail.record_ids == [nominations[1].pk]


def test_records_are_readable_by_city_staff_only(client, staff, nominations):
    client.force_login(staff["city_staff"])
    client.get(inspect_url(nominations[0]))
    listing = client.get(reverse("evaluation_private_access:index"))
    assert listing.status_code == 200 and "查看推荐详情" in listing.content.decode()
    assert "city_staff" in listing.content.decode()
    client.force_login(staff["hexi_reviewer"])
    assert client.get(reverse("evaluation_private_access:index")).status_code in (302, 403)


def test_an_undecryptable_nomination_shows_a_message_instead_of_an_error(client, staff, nominations, settings):
    settings.PRIVACY_KEY = "not-the-key-it-was-written-with"
    client.force_login(staff["city_staff"])
    response = client.get(inspect_url(nominations[0]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"推荐（编号 {nominations[0].pk}）的加密个人信息无法解密" in html
    assert Nomination.objects.get(pk=nominations[0].pk).id_number_masked in html
    assert not PrivateDataAccess.objects.exists()
    body = export(client, "csv").decode()
    assert "（无法解密）" in body


def test_reserve_inspect_shows_masks_not_hashes_or_cipher_text(client, staff, jurisdictions):
    from evaluation.services import reserve as reserve_service

    entry = reserve_service.register(
        actor=staff["city_staff"],
        name="李强",
        category="helping_others",
        level="city",
        jurisdiction=jurisdictions["hexi"],
        unit="",
        story="多年来坚持义务献血。",
        intake="phone",
        contact="13700001111",
        id_number=make_id_number(seq="315"),
    )
    client.force_login(staff["city_staff"])
    html = client.get(reverse("evaluation_reserve:inspect", args=[entry.pk])).content.decode()
    assert entry.contact_masked in html
    assert entry.id_number_hash not in html and entry.contact_cipher not in html and entry.id_number_cipher not in html


def test_staff_api_names_an_undecryptable_record_instead_of_crashing(client, staff, nominations, settings):
    settings.PRIVACY_KEY = "not-the-key-it-was-written-with"
    client.force_login(staff["city_staff"])
    response = client.get(f"/api/v1/review/nominations/{nominations[0].pk}")
    assert response.status_code == 500
    assert f"推荐（编号 {nominations[0].pk}）的加密个人信息无法解密" in response.json()["message"]
    assert not PrivateDataAccess.objects.exists()

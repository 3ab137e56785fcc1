"""Reserve pool: keep people on file, find them in Chinese, carry them into a later campaign."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation.models import Nomination, NominationEvent, ReserveEntry
from evaluation.services import intake, reserve
from evaluation.workflows.nomination import Status
from tests.factories.evaluation import CampaignFactory, make_id_number, nomination_data


def register(staff, jurisdictions, **overrides):
    values = {
        "actor": staff["city_staff"],
        "name": "郭玉梅",
        "category": "helping_others",
        "level": "city",
        "jurisdiction": jurisdictions["hexi"],
        "unit": "社区志愿者",
        "story": "郭玉梅组织邻里互助小组，十年来为独居老人代购代办上千次。",
        "intake": "phone",
        "contact": "13900002222",
        "id_number": make_id_number(seq="524"),
    }
    values.update(overrides)
    return reserve.register(**values)


def test_register_by_phone_masks_contact(staff, jurisdictions):
    entry = register(staff, jurisdictions)
    assert entry.contact_masked == "139****2222" and "13900002222" not in entry.contact_cipher
    email = register(staff, jurisdictions, name="韩东", intake="email", contact="handong@example.com", id_number="")
    assert email.contact_masked == "h***@example.com"


def test_only_city_staff_manage_the_pool(staff, jurisdictions):
    with pytest.raises(PermissionDenied):
        register(staff, jurisdictions, actor=staff["hexi_reviewer"])
    assert ReserveEntry.objects.count() == 0


def test_bad_id_number_is_refused(staff, jurisdictions):
    with pytest.raises(ValidationError):
        register(staff, jurisdictions, id_number="140105196805121230")
    assert ReserveEntry.objects.count() == 0


def test_nomination_not_listed_is_kept_on_file(campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))[0]
    entry = reserve.keep_on_file(nomination, actor=staff["city_staff"], level="city")
    assert (entry.name, entry.category, entry.source_nomination) == ("王秀英", "helping_others", nomination)
    assert NominationEvent.objects.filter(nomination=nomination, action="reserved").exists()


def test_carry_chosen_entries_into_a_campaign_in_one_action(staff, jurisdictions):
    later = CampaignFactory(title="2027年第一季度评选")
    first = register(staff, jurisdictions)
    second = register(staff, jurisdictions, name="刘洋", id_number=make_id_number(seq="624"))
    created = reserve.carry_into_campaign([first, second], later, actor=staff["city_staff"])
    assert {n.nominee_name for n in created} == {"郭玉梅", "刘洋"}
    assert all(n.status == Status.PENDING_CITY and n.campaign == later for n in created)
    first.refresh_from_db()
    assert first.carried_into == created[0] or first.carried_into in created


def test_carry_is_all_or_nothing(staff, jurisdictions):
    later = CampaignFactory(title="2027年第一季度评选")
    good = register(staff, jurisdictions)
    no_id = register(staff, jurisdictions, name="韩东", id_number="")
    with pytest.raises(ValidationError) as exc:
        reserve.carry_into_campaign([good, no_id], later, actor=staff["city_staff"])
    assert "韩东缺少身份证号" in exc.value.messages[0]
    assert Nomination.objects.count() == 0


def test_admin_search_finds_chinese_words_inside_the_story(client, staff, jurisdictions):
    register(staff, jurisdictions)
    register(staff, jurisdictions, name="韩东", story="韩东送餐途中发现居民楼冒烟，逐户敲门疏散居民。", id_number="")
    client.force_login(staff["city_staff"])
    content = client.get("/admin/evaluation/reserve/", {"q": "冒烟"}).content.decode()
    assert "韩东" in content and "郭玉梅" not in content


def test_admin_carry_view(client, staff, jurisdictions):
    later = CampaignFactory(title="2027年第一季度评选")
    entry = register(staff, jurisdictions)
    client.force_login(staff["city_staff"])
    response = client.post("/admin/evaluation/reserve/carry/", {"campaign": later.pk, "entries": [entry.pk]})
    assert response.status_code == 302
    assert Nomination.objects.get().reserve_entry == entry
    client.force_login(staff["hexi_reviewer"])
    assert client.get("/admin/evaluation/reserve/carry/").status_code in (302, 403)


def test_admin_keep_on_file_from_nomination(client, campaign, staff, jurisdictions):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))[0]
    client.force_login(staff["city_staff"])
    response = client.post(f"/admin/evaluation/nominations/{nomination.pk}/keep-on-file/", {"level": "city"})
    assert response.status_code == 302
    assert ReserveEntry.objects.get().source_nomination == nomination

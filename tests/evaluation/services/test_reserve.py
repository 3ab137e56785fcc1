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


def test_carry_refuses_what_intake_refuses_with_intakes_messages(staff, jurisdictions):
    """Carry-over goes through intake.clean: a forbidden word or a story too short for the campaign."""
    from portal.choices import CheckLevel
    from portal.models import WordRule

    WordRule.objects.create(word="刷票代投", level=CheckLevel.FORBIDDEN)
    later = CampaignFactory(title="2027年第一季度评选", story_min_chars=20)
    story = "郭玉梅组织邻里互助小组，十年来为独居老人代购代办上千次，还帮人刷票代投。"
    entry = register(staff, jurisdictions, story=story)
    with pytest.raises(ValidationError) as refused:
        reserve.carry_into_campaign([entry], later, actor=staff["city_staff"])
    assert refused.value.messages == ["郭玉梅：主要事迹含有不允许使用的词语“刷票代投”，请修改。"]

    strict = CampaignFactory(title="2027年第二季度评选", story_min_chars=100)
    short = register(staff, jurisdictions, name="刘洋", id_number=make_id_number(seq="624"))
    with pytest.raises(ValidationError) as refused:
        reserve.carry_into_campaign([short], strict, actor=staff["city_staff"])
    assert refused.value.messages == [f"刘洋：事迹材料不少于100字，当前{len(short.story)}字。"]
    assert Nomination.objects.count() == 0


def test_carried_nomination_is_written_by_intake_with_its_carried_event(staff, jurisdictions):
    later = CampaignFactory(title="2027年第一季度评选")
    entry = register(staff, jurisdictions)
    (nomination,) = reserve.carry_into_campaign([entry], later, actor=staff["city_staff"])
    assert nomination.reserve_entry == entry and nomination.forwarded_at is not None
    assert nomination.submitting_organisation is None
    (nominator,) = nomination.nominators.all()
    assert (nominator.organisation, nominator.user, nominator.receipt_number) == (
        jurisdictions["hexi"],
        staff["city_staff"],
        nomination.tracking_number,
    )
    assert [e.action for e in nomination.events.all()] == ["carried"]
    event = nomination.events.get()
    assert (event.to_status, event.data) == (Status.PENDING_CITY, {"reserve_entry": entry.pk})

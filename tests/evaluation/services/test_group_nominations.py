"""Group nominations (群体): a team, a family or a crew, by form, API and spreadsheet, checked member by member."""

import datetime

import pytest

from evaluation.choices import Level, SubjectKind
from evaluation.guards import captcha
from evaluation.models import GroupMember, HeldTitle, Nomination
from evaluation.services import intake
from tests.evaluation.services.test_imports import person, run
from tests.factories.evaluation import make_id_number

pytestmark = pytest.mark.django_db

CAPTAIN = make_id_number(born=datetime.date(1970, 4, 2), seq="315")
DRIVER = make_id_number(born=datetime.date(1982, 9, 9), seq="337")
MEMBERS = f"张建军，队长，{CAPTAIN}\n刘海涛，驾驶员，{DRIVER}\n马丽，队员"
STORY = "救援队十年来参与山地搜救和防汛抢险八十余次，队员自费购置装备，从未收取任何报酬，群众称他们为“山里的守护神”。"


def group_raw(jurisdiction, **overrides):
    raw = {
        "method": "organisation",
        "channel": "territorial",
        "subject_kind": "collective",
        "nominee_name": "河西区蓝天救援队",
        "jurisdiction": jurisdiction.pk,
        "unit": "",
        "category": "bravery",
        "story": STORY,
        "members": MEMBERS,
        "contact_name": "张建军",
        "contact_phone": "13911112222",
        "nominator_name": "河西区文明办",
        "nominator_phone": "13812345678",
    }
    raw.update(overrides)
    return raw


def refused(campaign, raw, public=False):
    with pytest.raises(intake.NominationInvalid) as exc:
        intake.clean(campaign, raw, public=public)
    return exc.value.errors


def test_a_group_is_nominated_with_its_members_and_a_contact_and_no_id_number(campaign, jurisdictions):
    data = intake.clean(campaign, group_raw(jurisdictions["hexi"]), public=False)
    nomination, _ = intake.submit(campaign, data, public=False)
    nomination.refresh_from_db()
    assert nomination.subject_kind == SubjectKind.COLLECTIVE and nomination.is_group
    assert nomination.id_number_hash == "" and nomination.birth_year is None
    members = list(nomination.members.all())
    assert [(m.name, m.role) for m in members] == [("张建军", "队长"), ("刘海涛", "驾驶员"), ("马丽", "队员")]
    assert members[0].reveal_id_number() == CAPTAIN and members[2].id_number_hash == ""
    assert nomination.contact_name == "张建军" and nomination.contact_phone_masked == "139****2222"
    assert nomination.reveal_contact_phone() == "13911112222"
    # A second group in the same campaign (no ID number of its own either) is its own nomination.
    other = intake.clean(
        campaign,
        group_raw(jurisdictions["hexi"], nominee_name="柳巷社区夕阳红志愿队", members="王秀英，队长\n李芳，队员"),
        public=False,
    )
    assert intake.submit(campaign, other, public=False)[0].pk != nomination.pk
    # The same group again from the same place is merged, as a person would be.
    again, nominator = intake.submit(
        campaign, intake.clean(campaign, group_raw(jurisdictions["hexi"]), public=False), public=False
    )
    assert again.pk == nomination.pk and again.nominators.count() == 2 and again.members.count() == 3


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"members": "张建军，队长"}, "members", "至少填写2名成员"),
        ({"members": "张建军，队长，110101\n刘海涛，驾驶员"}, "members", "第1行（张建军）"),
        ({"contact_name": "", "contact_phone": ""}, "contact_name", "请填写群体联系人"),
        ({"contact_phone": "12345"}, "contact_phone", "手机号"),
        ({"id_number": CAPTAIN}, "id_number", "群体推荐不填身份证号码"),
        ({"nominee_name": "<b>"}, "nominee_name", ""),
    ],
)
def test_bad_group_input_names_the_problem_and_saves_nothing(campaign, jurisdictions, overrides, field, message):
    errors = refused(campaign, group_raw(jurisdictions["hexi"], **overrides))
    assert field in errors and any(message in m for m in errors[field]), errors
    assert not Nomination.objects.exists() and not GroupMember.objects.exists()


def test_members_are_checked_for_titles_and_duplicates_one_by_one(campaign, jurisdictions):
    held = HeldTitle(
        person_name="刘海涛", title="2025年“清河好人”", level=Level.CITY, awarded_on=datetime.date(2025, 6, 1)
    )
    held.set_id_number(DRIVER)
    held.save()
    errors = refused(campaign, group_raw(jurisdictions["hexi"]))
    assert any("成员刘海涛" in m and "清河好人" in m for m in errors["members"])
    # The public form does not say which title.
    errors = refused(campaign, group_raw(jurisdictions["hexi"]), public=True)
    assert any("成员刘海涛" in m for m in errors["members"]) and "清河好人" not in str(errors)
    HeldTitle.objects.all().delete()

    # A member already nominated alone, and a person already in a group, are refused.
    alone = intake.clean(
        campaign,
        {**group_raw(jurisdictions["hexi"]), "subject_kind": "", "nominee_name": "刘海涛", "id_number": DRIVER},
        public=False,
    )
    intake.submit(campaign, alone, public=False)
    errors = refused(campaign, group_raw(jurisdictions["hexi"]))
    assert any("成员刘海涛已在本次活动中被推荐" in m for m in errors["members"])
    without_driver = group_raw(jurisdictions["hexi"], members=f"张建军，队长，{CAPTAIN}\n马丽，队员")
    intake.submit(campaign, intake.clean(campaign, without_driver, public=False), public=False)
    person_raw = {**group_raw(jurisdictions["hexi"]), "subject_kind": "person", "nominee_name": "张建军"}
    person_raw.update(id_number=CAPTAIN, members="", contact_name="", contact_phone="")
    errors = refused(campaign, person_raw)
    assert any("已在本次活动中被推荐" in m for m in errors["id_number"])


def test_a_group_through_the_public_form(client, campaign_page, jurisdictions):
    url = campaign_page.url + "nominate/"
    token = client.get(url).context["captcha_token"]
    raw = group_raw(jurisdictions["hexi_street"], method="individual")
    response = client.post(url, {**raw, "captcha_key": token, "captcha_answer": captcha.answer_for(token)})
    assert response.status_code == 302, response.context["form"].errors
    nomination = Nomination.objects.get()
    assert nomination.is_group and nomination.members.count() == 3
    page = client.get(url).content.decode()
    assert "群体成员" in page and "群体联系人" in page


def test_a_group_through_the_api(client, campaign, jurisdictions):
    challenge = client.get("/api/v1/captcha").json()
    body = {
        **group_raw(jurisdictions["hexi_street"], method="individual"),
        "campaign": campaign.pk,
        "captcha_key": challenge["captcha_key"],
        "captcha_answer": captcha.answer_for(challenge["captcha_key"]),
    }
    response = client.post("/api/v1/nominations", body)
    assert response.status_code == 201, response.content
    assert Nomination.objects.get().members.count() == 3
    schema = client.get("/api/v1/openapi.json").json()
    fields = str(schema["components"])
    assert "members" in fields and "subject_kind" in fields


def test_a_group_through_the_spreadsheet(campaign, jurisdictions, staff):
    row = person(
        被推荐人姓名="柳巷街道巾帼志愿服务队",
        性别=None,
        出生年份=None,
        身份证号码=None,
        推荐对象="群体",
        群体成员=MEMBERS,
        群体联系人="张建军",
        联系人手机号="13911112222",
    )
    submission = run(campaign, jurisdictions["hexi_street"], staff["hexi_submitter"], [row, person()])
    group = submission.nominations.get(subject_kind=SubjectKind.COLLECTIVE)
    assert group.nominee_name == "柳巷街道巾帼志愿服务队" and group.members.count() == 3
    assert submission.nominations.count() == 2

"""One way in: the same bad nomination gets the same message from the form, the API, a spreadsheet row
and reserve carry-over, because every channel hands it to intake.clean.

Each channel is driven as its user drives it (a POST to the page, a multipart API call, an uploaded
template, a carry-over by city staff) and its answer is read where that user reads it.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.choices import Category, Gender, Level
from evaluation.guards import captcha
from evaluation.models import HeldTitle, Nomination, ReserveEntry
from evaluation.services import imports, reserve
from tests.evaluation.services.test_imports import filled_template, pdf_upload
from tests.factories.evaluation import make_id_number

ID_NUMBER = make_id_number(seq="124")  # a woman born 1968-05-12
BAD_CHECK_DIGIT = ID_NUMBER[:17] + ("0" if ID_NUMBER[-1] != "0" else "1")
PERSON = {
    "nominee_name": "王秀英",
    "gender": "female",
    "birth_year": 1968,
    "id_number": ID_NUMBER,
    "unit": "柳巷社区居民",
    "category": "helping_others",
    "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
}
PUBLIC, STAFF = "public", "staff"


def via_form(client, setting, person):
    url = setting["page"].url + "nominate/"
    token = client.get(url).context["captcha_token"]
    data = {
        **person,
        "method": "individual",
        "channel": "territorial",
        "jurisdiction": setting["home"].pk,
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": token,
        "captcha_answer": captcha.answer_for(token),
    }
    form = client.post(url, data).context["form"]
    return {name: list(messages) for name, messages in form.errors.items()}


def via_api(client, setting, person):
    challenge = client.get("/api/v1/captcha").json()
    data = {
        **person,
        "campaign": setting["campaign"].pk,
        "method": "individual",
        "channel": "media",
        "jurisdiction": setting["home"].pk,
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": challenge["captcha_key"],
        "captcha_answer": captcha.answer_for(challenge["captcha_key"]),
    }
    response = client.post("/api/v1/nominations", data)
    assert response.status_code == 400
    return response.json()["errors"]


def via_spreadsheet(client, setting, person):
    """The row as a unit types it into the template: labels for gender and category."""
    row = {
        "被推荐人姓名": person["nominee_name"],
        "性别": Gender(person["gender"]).label,
        "出生年份": person["birth_year"],
        "身份证号码": person["id_number"],
        "所属辖区/单位": setting["home"].name,
        "工作单位或身份": person["unit"],
        "类别": Category(person["category"]).label,
        "主要事迹": person["story"],
        "推荐人姓名": "李明",
        "推荐人手机号": "13812345678",
    }
    campaign, organisation = setting["campaign"], setting["home"]
    with pytest.raises(imports.ImportErrors) as caught:
        imports.import_submission(
            campaign,
            organisation,
            setting["submitter"],
            SimpleUploadedFile("名单.xlsx", filled_template(campaign, [row], organisation)),
            pdf_upload(),
        )
    by_label = {label: key for key, label in imports.LABELS.items()}
    errors = {}
    for problem in caught.value.report:
        assert problem.row == 3
        errors.setdefault(by_label[problem.column], []).append(problem.message)
    return errors


def via_reserve(client, setting, person):
    """An entry on file (kept before the rules tightened, so stored as it was) carried by city staff."""
    entry = ReserveEntry(
        name=person["nominee_name"],
        category=person["category"],
        level=Level.CITY,
        jurisdiction=setting["home"],
        unit=person["unit"],
        story=person["story"],
        created_by=setting["city_staff"],
    )
    entry.set_id_number(person["id_number"])
    entry.save()
    with pytest.raises(ValidationError) as caught:
        reserve.carry_into_campaign([entry], setting["campaign"], actor=setting["city_staff"])
    # The carry-over report names the person, not a field.
    prefix = f"{person['nominee_name']}："
    assert all(message.startswith(prefix) for message in caught.value.messages)
    return {"*": [message.removeprefix(prefix) for message in caught.value.messages]}


CHANNELS = {"form": (via_form, PUBLIC), "api": (via_api, PUBLIC), "spreadsheet": (via_spreadsheet, STAFF)}
CHANNELS["reserve"] = (via_reserve, STAFF)


def holds_city_title(setting):
    title = HeldTitle(person_name="王秀英", title="清河好人", level=Level.CITY, awarded_on=datetime.date(2024, 3, 1))
    title.set_id_number(ID_NUMBER)
    title.save()


INELIGIBLE_STAFF = "被推荐人已获得“清河好人”（市级，2024年03月），按规定不再作为市级推荐对象。"

# case: (changes to PERSON, field, {PUBLIC: message, STAFF: message}, setup, channels that cannot express it)
CASES = {
    "ID number with a bad check digit": (
        {"id_number": BAD_CHECK_DIGIT},
        "id_number",
        "身份证号码校验位不正确，请核对后重新填写。",
        None,
        (),
    ),
    "story too short": ({"story": "好人好事。"}, "story", "事迹材料不少于20字，当前5字。", None, ()),
    "story that is only markup": (
        {"story": "<p><b>好人好事</b></p>"},
        "story",
        "事迹材料不少于20字，当前4字。",
        None,
        (),
    ),
    "category not in the campaign": (
        {"category": "bravery"},
        "category",
        "本次活动不评选“见义勇为”，可选类别：助人为乐、敬业奉献。",
        None,
        (),
    ),
    "name that is not a name": (
        {"nominee_name": "王1"},
        "nominee_name",
        "被推荐人姓名应为2至30个汉字或字母。",
        None,
        (),
    ),
    # A reserve entry records no birth year or gender: carry-over takes both from the ID number.
    "birth year inconsistent with the ID number": (
        {"birth_year": 1970},
        "birth_year",
        "出生年份与身份证号码不一致。",
        None,
        ("reserve",),
    ),
    "gender inconsistent with the ID number": (
        {"gender": "male"},
        "gender",
        "性别与身份证号码不一致。",
        None,
        ("reserve",),
    ),
    "already holds the title": (
        {},
        "id_number",
        {PUBLIC: "被推荐人不符合本次活动的推荐条件。", STAFF: INELIGIBLE_STAFF},
        holds_city_title,
        (),
    ),
}


@pytest.fixture
def setting(campaign_page, campaign, jurisdictions, staff):
    campaign.categories = ["helping_others", "dedication"]
    campaign.save()
    return {
        "page": campaign_page,
        "campaign": campaign,
        "home": jurisdictions["hexi_street"],
        "submitter": staff["hexi_submitter"],
        "city_staff": staff["city_staff"],
    }


@pytest.mark.parametrize(
    "case,channel", [(case, channel) for case in CASES for channel in CHANNELS if channel not in CASES[case][4]]
)
def test_same_rule_same_message_in_every_channel(case, channel, client, setting):
    changes, field, expected, setup, _ = CASES[case]
    run, kind = CHANNELS[channel]
    if setup:
        setup(setting)
    message = expected[kind] if isinstance(expected, dict) else expected

    errors = run(client, setting, {**PERSON, **changes})

    where = "*" if channel == "reserve" else field
    assert errors == {where: [message]}
    assert Nomination.objects.count() == 0


def test_the_same_good_person_passes_every_channel(client, setting):
    """The other half of the table: nothing in PERSON itself is refused by any channel."""
    url = setting["page"].url + "nominate/"
    token = client.get(url).context["captcha_token"]
    data = {
        **PERSON,
        "method": "individual",
        "channel": "territorial",
        "jurisdiction": setting["home"].pk,
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": token,
        "captcha_answer": captcha.answer_for(token),
    }
    assert client.post(url, data).status_code == 302
    entry = ReserveEntry(
        name=PERSON["nominee_name"],
        category=PERSON["category"],
        jurisdiction=setting["home"],
        unit=PERSON["unit"],
        story=PERSON["story"],
        created_by=setting["city_staff"],
    )
    entry.set_id_number(make_id_number(seq="224"))
    entry.save()
    carried = reserve.carry_into_campaign([entry], setting["campaign"], actor=setting["city_staff"])
    assert (carried[0].gender, carried[0].birth_year) == ("female", 1968)


def test_eligibility_is_not_answered_before_the_captcha_is_solved(client, setting):
    """Whether a real person holds a title is only said to a client that solved the captcha."""
    holds_city_title(setting)
    challenge = client.get("/api/v1/captcha").json()
    data = {
        **PERSON,
        "campaign": setting["campaign"].pk,
        "method": "individual",
        "channel": "media",
        "jurisdiction": setting["home"].pk,
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "captcha_key": challenge["captcha_key"],
        "captcha_answer": "wrong",
    }
    response = client.post("/api/v1/nominations", data)
    assert response.status_code == 400
    assert response.json()["errors"] == {"captcha_answer": ["验证码不正确或已过期，请重新输入。"]}


@pytest.mark.django_db
def test_a_forbidden_word_in_the_story_is_refused_a_notice_word_is_not(campaign, jurisdictions):
    from evaluation.services import intake
    from portal.choices import CheckLevel
    from portal.models import WordRule
    from tests.factories.evaluation import nomination_raw

    WordRule.objects.create(word="刷票代投", level=CheckLevel.FORBIDDEN)
    WordRule.objects.create(word="红包", level=CheckLevel.NOTICE)
    raw = nomination_raw(jurisdictions["hexi"])
    raw["story"] = raw["story"] + "另外可以刷票代投。"
    with pytest.raises(intake.NominationInvalid) as refused:
        intake.clean(campaign, raw)
    assert refused.value.errors == {"story": ["主要事迹含有不允许使用的词语“刷票代投”，请修改。"]}
    raw["story"] = raw["story"].replace("刷票代投", "红包")
    assert intake.clean(campaign, raw).story.endswith("另外可以红包。")

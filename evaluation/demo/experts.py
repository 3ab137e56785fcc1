"""Expert review demo: a pool of 32 experts, and a campaign in expert review with a drawn panel.

The pool has exactly two experts from universities, one of them the `expert1`
account, and the panel takes two of each of the five affiliation types, so
`expert1` is on the panel whatever the seed: the draw stays honest (no seed is
searched for) and the demo account always has candidates to declare and score.  Built through the same
services the site uses; called from loader.load().
"""

import datetime

from evaluation.choices import AffiliationType, StageKind
from evaluation.demo.builders import dated_stages
from evaluation.models import Campaign, Criterion, Expert, ExpertReviewSettings, Rubric
from evaluation.services import drawing, intake, review
from evaluation.services.intake import NominationData
from evaluation.workflows.nomination import Action

REVIEW_CAMPAIGN_TITLE = "2026年第三季度“清河好人”专家评审"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹"
GIVEN = ["建国", "丽华", "志强", "秀梅", "文博", "海燕", "国庆", "晓东"]
UNITS = {
    AffiliationType.GOVERNMENT: [
        "市民政局",
        "市司法局",
        "市总工会",
        "团市委",
        "市妇联",
        "市退役军人事务局",
        "市教育局",
    ],
    AffiliationType.ENTERPRISE: ["清河钢铁集团", "清河农商银行", "汾河物流公司", "清河建工集团", "晋味食品公司"],
    AffiliationType.MEDIA: ["清河日报社", "清河广播电视台", "清河晚报", "清河新闻网", "清河交通广播"],
    AffiliationType.MODEL_PERSON: ["市道德模范协会", "市见义勇为基金会", "市志愿者协会", "市慈善总会"],
}
RUBRIC = [
    ("事迹真实可信", "事迹经核实，有具体时间、地点、人物", 30),
    ("精神感人程度", "体现的品德和付出是否打动人", 30),
    ("社会影响", "在群众中的口碑和传播效果", 25),
    ("示范引领作用", "是否可学可做、有带动效应", 15),
]
CANDIDATES = [
    (
        "孟凡荣",
        "female",
        1962,
        "filial_love",
        "退休工人",
        "孟凡荣照料患阿尔茨海默病的母亲十五年，为防止老人走失，她把家门口的路线画成图贴满房间，邻居都来帮忙。",
    ),
    (
        "贾海涛",
        "male",
        1985,
        "bravery",
        "快递员",
        "贾海涛派件途中看到老人落水，脱下外套跳进冰冷的河里把人救起，随后又骑车去送完了剩下的快件。",
    ),
    (
        "曲爱华",
        "female",
        1971,
        "honesty",
        "小吃店店主",
        "曲爱华的小吃店十八年没涨过价，遇到困难学生来吃饭，她总是悄悄多打一勺菜，说“吃饱了才有力气读书”。",
    ),
    (
        "申国栋",
        "male",
        1958,
        "dedication",
        "乡村医生",
        "申国栋在山村当了四十年乡村医生，背着药箱走遍九个自然村，村民半夜敲门，他从没让人等过。",
    ),
    (
        "甘淑琴",
        "female",
        1966,
        "helping_others",
        "社区志愿者",
        "甘淑琴组建“银发互助队”，十年来为独居老人上门理发、代买药品四千余次，队员从五人发展到六十人。",
    ),
    (
        "崔立新",
        "male",
        1979,
        "helping_others",
        "公交车司机",
        "崔立新驾驶的公交车上常备急救包和雨伞，他曾三次在车上为突发疾病的乘客争取到抢救时间。",
    ),
]


def experts(places, users):
    """32 experts: 2 from universities (one is expert1), 30 spread over the other four types."""
    if Expert.objects.exists():
        return list(Expert.objects.all())
    city = places["city"]
    made = [
        Expert.objects.create(
            name="何文清",
            affiliation_type=AffiliationType.UNIVERSITY,
            jurisdiction=city,
            unit="清河师范学院",
            declared_ties="何晓燕",
            user=users["expert1"],
        ),
        Expert.objects.create(
            name="白树人", affiliation_type=AffiliationType.UNIVERSITY, jurisdiction=city, unit="清河大学"
        ),
    ]
    kinds = [
        AffiliationType.GOVERNMENT,
        AffiliationType.ENTERPRISE,
        AffiliationType.MEDIA,
        AffiliationType.MODEL_PERSON,
    ]
    for i in range(30):
        kind = kinds[i % 4]
        units = UNITS[kind]
        # A few sit in a district, so the conflict check has someone to exclude.
        jurisdiction = places["district1"] if i in (3, 17) else places["district2"] if i == 22 else city
        made.append(
            Expert.objects.create(
                name=SURNAMES[i] + GIVEN[i % len(GIVEN)],
                affiliation_type=kind,
                jurisdiction=jurisdiction,
                unit=units[(i // 4) % len(units)],
            )
        )
    return made


def _campaign():
    campaign = Campaign.objects.create(
        title=REVIEW_CAMPAIGN_TITLE, period_label="2026年第三季度", story_min_chars=40, nomination_quota=10
    )
    plan = [
        (StageKind.NOMINATION, -80, -60),
        (StageKind.REVIEW, -70, -40),
        (StageKind.VOTE, -30, -10),
        (StageKind.EXPERT_REVIEW, -5, 10),
        (StageKind.INSPECTION, 11, 20),
        (StageKind.NOTICE, 21, 27),
        (StageKind.APPROVAL, 28, 35),
        (StageKind.PUBLICATION, 36, 40),
    ]
    dated_stages(campaign, plan)
    ExpertReviewSettings.objects.create(campaign=campaign)
    rubric(campaign)
    return campaign


def rubric(campaign):
    """The demo's four-item rubric (weights 30/30/25/15) for `campaign`."""
    made = Rubric.objects.create(campaign=campaign, guidance="每项0至10分，按权重折算为百分制。")
    for order, (name, description, weight) in enumerate(RUBRIC):
        Criterion.objects.create(rubric=made, name=name, description=description, weight=weight, sort_order=order)
    return made


def _candidates(campaign, places, users, id_number, departments):
    agree = {d: ("agree", "") for d in departments}
    made = []
    for i, (name, gender, year, category, unit, story) in enumerate(CANDIDATES):
        seq_digit = 1 if gender == "male" else 2
        street, district = ("street1", "district1") if i % 2 == 0 else ("street2", "district2")
        data = NominationData(
            method="individual",
            channel="territorial",
            category=category,
            nominee_name=name,
            gender=gender,
            birth_year=year,
            id_number=id_number("140108", datetime.date(year, 2 + i, 8 + i), f"{60 + i:02d}{seq_digit}"),
            jurisdiction=places[street],
            unit=unit,
            story=story,
            nominator_name=["赵磊", "钱红", "孙斌"][i % 3],
            nominator_phone=f"1390000{3000 + i:04d}",
            consent=True,
        )
        nomination = intake.submit(campaign, data, public=False)[0]
        submitter = users["district1_submitter" if district == "district1" else "district2_submitter"]
        reviewer = users[f"{district}_reviewer"]
        review.review(nomination, actor=submitter, action=Action.APPROVE)
        review.record_opinions(nomination, actor=reviewer, opinions=agree)
        review.review(nomination, actor=reviewer, action=Action.APPROVE)
        review.record_consent(nomination, actor=users["city_staff"], note="本人书面同意公开事迹")
        review.review(nomination, actor=users["city_staff"], action=Action.APPROVE)
        made.append(nomination)
    return made


def load(places, users, *, id_number, departments):
    """The pool, and a campaign whose first round is drawn; expert1 has six candidates to declare and score."""
    experts(places, users)
    if Campaign.objects.filter(title=REVIEW_CAMPAIGN_TITLE).exists():
        return None
    campaign = _campaign()
    staff = users["city_staff"]
    _candidates(campaign, places, users, id_number, departments)
    drawing.perform_draw(drawing.prepare_draw(campaign, actor=staff, size=10, max_per_type=2), actor=staff)
    return campaign

"""Evaluation demo content: jurisdictions, staff of every role, a campaign in review, nominations,
an organisation submission with its sealed PDF, and (results.py) a campaign published to
the honour roll and one in public notice with an open objection.

Built through the same services the site uses (intake, review, reserve), so the
audit trail and the private-data handling are real. Idempotent: a second run
changes nothing.
"""

import datetime
import io

import openpyxl
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from evaluation.choices import JurisdictionKind, Level, Role, StageKind
from evaluation.demo import experts as demo_experts
from evaluation.demo import results as demo_results
from evaluation.demo.builders import DEPARTMENTS, campaign_page, dated_stages, id_number, photo
from evaluation.models import Campaign, Expert, HeldTitle, Jurisdiction, StaffProfile
from evaluation.services import imports, intake, reserve, review
from evaluation.workflows.nomination import Action
from portal.demo.documents import build_pdf
from portal.models import District

CAMPAIGN_TITLE = "2026年第四季度“清河好人”推荐评议"
STAFF_GROUP = "评选工作人员"
PASSWORD = "demo123456"  # noqa: S105 - the published demo password (README)

# (username, role, jurisdiction key, full name)
ACCOUNTS = [
    ("city_staff", Role.CITY_STAFF, "city", "市文明办·周敏"),
    ("district1_reviewer", Role.DISTRICT_REVIEWER, "district1", "县区审核员·陈立"),
    ("district2_reviewer", Role.DISTRICT_REVIEWER, "district2", "县区审核员·孙悦"),
    ("district1_submitter", Role.UNIT_SUBMITTER, "street1", "基层报送员·马涛"),
    ("district2_submitter", Role.UNIT_SUBMITTER, "street2", "基层报送员·吴静"),
    ("unit_submitter", Role.UNIT_SUBMITTER, "unit", "驻市单位报送员·郑强"),
    ("expert1", Role.EXPERT, "city", "评审专家·何教授"),
]

STORIES = [
    (
        "赵桂兰",
        "female",
        1956,
        "filial_love",
        "退休纺织工人",
        "赵桂兰照顾瘫痪在床的婆婆二十二年，每天翻身、擦洗、喂饭，婆婆从未生过褥疮。邻居们说，这个家里最暖的是她的那双手。",
    ),
    (
        "刘志刚",
        "male",
        1979,
        "bravery",
        "出租车司机",
        "今年八月的一个雨夜，刘志刚驾车途经河堤，看见一辆电动车连人带车滑进排水沟，他停车跳进齐腰深的积水，把被困的母子托上岸后悄悄离开。",
    ),
    (
        "王建平",
        "male",
        1963,
        "honesty",
        "个体粮油店店主",
        "王建平经营粮油店三十年，坚持足斤足两、明码标价。一次顾客多付了两千元货款，他翻遍进货单据找到对方，把钱如数退还。",
    ),
    (
        "李晓燕",
        "female",
        1988,
        "dedication",
        "社区卫生服务站护士",
        "李晓燕在社区卫生服务站工作十年，为辖区两百多位慢病老人建立了随访档案，每周上门测血压、送药，老人们都叫她“贴心闺女”。",
    ),
    (
        "张德福",
        "male",
        1950,
        "helping_others",
        "退休教师",
        "张德福退休后在社区开办免费“四点半课堂”，八年来辅导放学后无人照看的孩子三百余人次，还自费购买了上千册图书。",
    ),
    (
        "陈秀英",
        "female",
        1969,
        "helping_others",
        "菜市场摊主",
        "陈秀英的菜摊上常年放着一个“爱心菜篮”，附近的困难老人可以随时取用。她说，少赚一点没关系，不能让老人饿着。",
    ),
    (
        "周文斌",
        "male",
        1991,
        "dedication",
        "供电所抢修班班长",
        "周文斌带领抢修班扎根山区线路，去年冬季冰冻期间连续奋战七个昼夜，抢通线路二十多条，保障了三千多户村民用电。",
    ),
    (
        "吴淑珍",
        "female",
        1960,
        "filial_love",
        "农民",
        "吴淑珍的丈夫因病去世后，她独自赡养年迈的公公和患病的小叔子，二十年如一日，把一个困难家庭撑成了村里的“五好家庭”。",
    ),
]


def _jurisdictions():
    city = Jurisdiction.get_root_nodes().filter(kind=JurisdictionKind.CITY).first()
    if city is None:
        city = Jurisdiction.add_root(name="清河市", kind=JurisdictionKind.CITY)
    districts = list(District.objects.all()) or [None]
    made = {"city": city}
    for i, district in enumerate(districts):
        name = district.name if district else f"第{i + 1}区"
        node = city.get_children().filter(name=name).first() or city.add_child(
            name=name, kind=JurisdictionKind.DISTRICT, district=district
        )
        made.setdefault("district1" if i == 0 else "district2" if i == 1 else f"district{i + 1}", node)
    for key, street in (("street1", "第一街道"), ("street2", "第二街道")):
        parent = Jurisdiction.objects.get(pk=made["district1" if key == "street1" else "district2"].pk)
        name = f"{parent.name}{street}"
        made[key] = parent.get_children().filter(name=name).first() or parent.add_child(
            name=name, kind=JurisdictionKind.GRASSROOTS
        )
    city = Jurisdiction.objects.get(pk=city.pk)
    made["party"] = city.get_children().filter(name="市直机关工委").first() or city.add_child(
        name="市直机关工委", kind=JurisdictionKind.PARTY_COMMITTEE
    )
    city = Jurisdiction.objects.get(pk=city.pk)
    made["unit"] = city.get_children().filter(name="国网清河供电公司").first() or city.add_child(
        name="国网清河供电公司", kind=JurisdictionKind.STATIONED_UNIT
    )
    return {k: Jurisdiction.objects.get(pk=v.pk) for k, v in made.items()}


def _staff(places):
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    users = {}
    User = get_user_model()
    for username, role, place, full_name in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(group)
        StaffProfile.objects.get_or_create(user=user, defaults={"role": role, "jurisdiction": places[place]})
        users[username] = user
    return users


def _campaign():
    campaign = Campaign.objects.create(
        title=CAMPAIGN_TITLE,
        period_label="2026年第四季度",
        story_min_chars=40,
        departments="\n".join(DEPARTMENTS),
    )
    plan = [
        (StageKind.NOMINATION, -30, 20),
        (StageKind.REVIEW, -25, 30),
        (StageKind.VOTE, 31, 45),
        (StageKind.EXPERT_REVIEW, 46, 52),
        (StageKind.INSPECTION, 53, 60),
        (StageKind.NOTICE, 61, 67),
        (StageKind.APPROVAL, 68, 75),
        (StageKind.PUBLICATION, 76, 80),
    ]
    dated_stages(campaign, plan)
    return campaign


def _page(campaign):
    return campaign_page(
        campaign,
        "tuijian",
        title="我推荐我评议身边好人",
        intro="身边的好人好事，由您来推荐、由大家来评议。本季度推荐通道已经开启，欢迎推荐您身边的凡人善举。",
        rules="<p>请如实填写被推荐人事迹，并取得被推荐人同意。已获得市级及以上“好人”称号的，不再作为推荐对象。</p>",
    )


def _nominations(campaign, places, users):
    made = []
    targets = [places["street1"], places["street2"], places["district1"], places["district2"], places["unit"]]
    for i, (name, gender, year, category, unit, story) in enumerate(STORIES):
        seq = f"{10 + i * 3:02d}{1 if gender == 'male' else 2}"
        raw = {
            "method": "individual" if i % 3 else "self",
            "channel": ["territorial", "media", "self"][i % 3],
            "category": category,
            "nominee_name": name,
            "gender": gender,
            "birth_year": year,
            "id_number": id_number("140105", datetime.date(year, 3 + i % 9, 10 + i), seq),
            "jurisdiction": targets[i % len(targets)],
            "unit": unit,
            "story": story,
            "nominator_name": ["李明", "王芳", "张伟", "刘洋"][i % 4],
            "nominator_phone": f"1380000{1000 + i:04d}",
            "consent": i % 3 == 0,
        }
        # The demo comes in through the same rules as everyone else.
        data = intake.clean(campaign, raw, photos=[photo(name, i * 23)], public=False)
        made.append(intake.submit(campaign, data, public=False)[0])
    agree = {d: ("agree", "") for d in DEPARTMENTS}
    # Move some along the pipeline with the real services so the audit trail is real.
    review.review(made[0], actor=users["district1_submitter"], action=Action.APPROVE)
    review.record_opinions(made[0], actor=users["district1_reviewer"], opinions=agree)
    review.review(made[0], actor=users["district1_reviewer"], action=Action.APPROVE)
    review.record_consent(made[0], actor=users["city_staff"], note="电话联系本人，同意公开事迹")
    review.review(made[0], actor=users["city_staff"], action=Action.APPROVE)
    review.review(
        made[1], actor=users["district2_submitter"], action=Action.RETURN, reason="请补充事迹发生的具体时间和地点"
    )
    review.record_opinions(made[2], actor=users["district1_reviewer"], opinions=agree)
    review.review(made[2], actor=users["district1_reviewer"], action=Action.APPROVE)
    review.record_opinions(
        made[3], actor=users["district2_reviewer"], opinions=dict(agree, 税务=("object", "存在未结税务事项"))
    )
    review.review(made[3], actor=users["district2_reviewer"], action=Action.REJECT, reason="税务部门有异议，暂不推荐")
    made.append(_group(campaign, places))
    return made


def _group(campaign, places):
    """A group nomination (群体): a volunteer rescue team with its members and a contact person."""
    members = "\n".join(
        [
            f"郝振东，队长，{id_number('140105', datetime.date(1976, 5, 4), '071')}",
            f"田晓燕，副队长，{id_number('140105', datetime.date(1984, 8, 15), '082')}",
            "程立伟，队员",
            "武海鹰，队员",
        ]
    )
    raw = {
        "method": "organisation",
        "channel": "territorial",
        "subject_kind": "collective",
        "category": "bravery",
        "nominee_name": "河西区山野救援队",
        "jurisdiction": places["district2"],
        "story": "山野救援队由二十多名志愿者组成，八年来参与山地搜救、防汛抢险六十余次，装备大多由队员自费购置。"
        "今年夏天暴雨期间，队员连续三昼夜转移被困群众一百四十余人。",
        "members": members,
        "contact_name": "郝振东",
        "contact_phone": "13900007777",
        "nominator_name": "河西区文明办",
        "nominator_phone": "13800002222",
    }
    data = intake.clean(campaign, raw, photos=[photo("山野救援队", 77)], public=False)
    return intake.submit(campaign, data, public=False)[0]


# Rows of the street office's bulk submission: name, gender, birth date, category, unit, story.
SUBMITTED = [
    (
        "高玉兰",
        "女",
        datetime.date(1958, 4, 16),
        "助人为乐",
        "社区楼栋长",
        "高玉兰担任楼栋长十二年，为楼里的独居老人建了“敲门簿”，每天挨家敲门问一声好，谁家有事她总是第一个到。",
    ),
    (
        "冯建军",
        "男",
        datetime.date(1972, 9, 3),
        "诚实守信",
        "装修队负责人",
        "冯建军承接装修工程二十年，从不偷工减料；一次因材料商供错瓷砖，他自掏腰包为业主全部返工，赢得街坊信任。",
    ),
]


def _sealed_pdf(organisation):
    lines = [f"{name}（{category}）" for name, _, _, category, _, _ in SUBMITTED]
    return build_pdf(
        f"{organisation.name}关于推荐“清河好人”候选人的函",
        [
            "市文明办：",
            "经本单位审核，现推荐以下同志为本季度“清河好人”候选人：",
            *lines,
            f"{organisation.name}（盖章）",
        ],
    )


def _submission(campaign, places, users):
    """A street office's bulk submission through the real import service: the filled template plus the PDF."""
    street = places["street1"]
    workbook = openpyxl.load_workbook(io.BytesIO(imports.build_template(campaign, street)))
    sheet = workbook[imports.LIST_SHEET]
    for row, (name, gender, born, category, unit, story) in enumerate(SUBMITTED, start=3):
        values = {
            "nominee_name": name,
            "gender": gender,
            "birth_year": born.year,
            "id_number": id_number("140107", born, "031" if gender == "男" else "042"),
            "jurisdiction": street.name,
            "unit": unit,
            "category": category,
            "story": story,
            "nominator_name": "柳巷社区居委会",
            "nominator_phone": "13800002345",
        }
        for column, spec in enumerate(imports.COLUMNS, start=1):
            sheet.cell(row=row, column=column, value=values.get(spec.key))
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    return imports.import_submission(
        campaign,
        street,
        users["district1_submitter"],
        SimpleUploadedFile("推荐名单.xlsx", xlsx.getvalue()),
        SimpleUploadedFile("推荐文件.pdf", _sealed_pdf(street), content_type="application/pdf"),
    )


def _reserve(places, users):
    actor = users["city_staff"]
    reserve.register(
        actor=actor,
        name="郭玉梅",
        category="helping_others",
        level=Level.CITY,
        jurisdiction=places["district1"],
        unit="社区志愿者",
        story="郭玉梅组织邻里互助小组，十年来为独居老人代购代办上千次。",
        intake="phone",
        contact="13900002222",
        id_number=id_number("140106", datetime.date(1962, 7, 1), "052"),
    )
    reserve.register(
        actor=actor,
        name="韩东",
        category="bravery",
        level=Level.CITY,
        jurisdiction=places["district2"],
        unit="外卖骑手",
        story="韩东送餐途中发现居民楼冒烟，逐户敲门疏散二十余名居民。",
        intake="email",
        contact="handong@example.com",
    )


def _held_titles():
    title = HeldTitle(
        person_name="杜明远", title="河东好人", level=Level.PROVINCE, awarded_on=datetime.date(2025, 6, 1)
    )
    title.set_id_number(id_number("140105", datetime.date(1970, 1, 1), "011"))
    title.save()


@transaction.atomic
def load(log=print):
    """Build the evaluation demo; returns False when it already exists (each part is built once)."""
    from evaluation.demo import voting as demo_voting

    places = _jurisdictions()
    users = _staff(places)
    made = False
    if not Campaign.objects.filter(title=CAMPAIGN_TITLE).exists():
        campaign = _campaign()
        _page(campaign)
        _nominations(campaign, places, users)
        _submission(campaign, places, users)
        _reserve(places, users)
        _held_titles()
        demo_results.load(places, users, log=log)
        log(f"评选演示数据已建立：活动“{campaign.title}”，推荐{campaign.nominations.count()}条。")
        made = True
    review_campaign = demo_experts.load(places, users, id_number=id_number, departments=DEPARTMENTS)
    if review_campaign is not None:
        log(f"专家评审演示：专家库{Expert.objects.count()}人，活动“{review_campaign.title}”已抽取第1轮评议组。")
        made = True
    return demo_voting.load(places, users, log=log) or made

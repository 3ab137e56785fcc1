"""Demo campaigns for the end of the pipeline: one published to the honour roll (with certificates and
care records), one in public notice with an open objection.

Called from evaluation/demo/loader.py; built through the same services the site uses, each on the
day its stage ran: a panel is drawn from the expert pool, scores it, the round is closed,
the ranking cuts the shortlist, each shortlisted candidate is inspected, then the notice,
the approval and the publication follow.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from evaluation.choices import DeclarationDecision, InspectionVerdict, StageKind
from evaluation.demo import experts as demo_experts
from evaluation.demo.builders import campaign_page, dated_stages
from evaluation.models import Campaign, CourtesyArea, Expert, ExpertReviewSettings, PublicationMode
from evaluation.services import (
    approval,
    candidate_photos,
    drawing,
    honours,
    inspections,
    intake,
    notice,
    promotion,
    publication,
    review,
    scoring,
)
from evaluation.services.intake import NominationData
from evaluation.workflows.nomination import Action

# The courtesies the demo city offers holders of a 好人卡 (data: staff edit them under 礼遇项目).
COURTESIES = [
    ("免费乘坐公交", "市内公交、地铁刷卡免费"),
    ("年度免费体检", "每年一次，在市属医院"),
    ("景区免票", "本市国有A级景区凭卡免票"),
]

PUBLISHED_TITLE = "2026年第三季度“清河好人”评选"
NOTICE_TITLE = "2026年十月“清河好人”评选"

# name, gender, birth date, category, unit, story, district key
PUBLISHED_PEOPLE = [
    (
        "孟凡荣",
        "female",
        datetime.date(1961, 2, 14),
        "helping_others",
        "社区志愿者",
        "孟凡荣在小区门口摆了十五年的“便民修补摊”，缝衣服、修雨伞、换拉链从不收钱。\n"
        "她还带出了一支二十多人的志愿修补队，每月到养老院上门服务。",
        "district1",
    ),
    (
        "邢海波",
        "male",
        datetime.date(1983, 8, 30),
        "bravery",
        "货车司机",
        "今年七月，邢海波在高速服务区发现一辆轿车起火，车内有人被困。\n"
        "他拎起灭火器冲上前，砸开车窗把驾驶员拖出，自己手臂被烫伤。",
        "district2",
    ),
    (
        "岳秋菊",
        "female",
        datetime.date(1975, 10, 3),
        "filial_love",
        "村民",
        "岳秋菊的母亲患阿尔茨海默病八年，她辞去城里的工作回村照料。\n"
        "每天给母亲讲老照片里的故事，母亲常常拉着她的手说“你是好闺女”。",
        "district1",
    ),
]

NOTICE_PEOPLE = [
    (
        "彭国庆",
        "male",
        datetime.date(1969, 10, 1),
        "dedication",
        "乡村邮递员",
        "彭国庆跑山区邮路二十六年，累计行程四十多万公里，从未丢失或延误一件邮件。",
        "district2",
    ),
    (
        "谭雅琴",
        "female",
        datetime.date(1990, 5, 21),
        "honesty",
        "超市收银员",
        "谭雅琴在收银台捡到顾客遗落的钱包，内有现金和银行卡，她守在店里等到深夜把钱包交还失主。",
        "district1",
    ),
    (
        "龚德明",
        "male",
        datetime.date(1958, 3, 12),
        "helping_others",
        "退休教师",
        "龚德明退休后在社区开办免费的“四点半课堂”，十年来辅导双职工家庭的孩子做功课，从未收过一分钱。",
        "district2",
    ),
]

# The notice campaign's inspections: passed, failed, and one not yet done, so staff meet each refusal.
NOTICE_VERDICTS = [InspectionVerdict.PASSED, InspectionVerdict.FAILED, None]


def _id_number(born, seq):
    from evaluation.demo.builders import id_number as _id_number

    return _id_number("140108", born, seq)


def _page(campaign, slug, title, intro):
    return campaign_page(campaign, slug, intro, title=title)


def _accepted(campaign, people, places, users, seq_base):
    """Nominees taken through the tiered review with the real services, consent recorded, photos public."""
    from evaluation.demo.builders import DEPARTMENTS
    from evaluation.demo.builders import photo as _photo

    agree = {d: ("agree", "") for d in DEPARTMENTS}
    made = []
    for i, (name, gender, born, category, unit, story, place) in enumerate(people):
        data = NominationData(
            method="organisation",
            channel="territorial",
            category=category,
            nominee_name=name,
            gender=gender,
            birth_year=born.year,
            id_number=_id_number(born, f"{seq_base + i:02d}{1 if gender == 'male' else 2}"),
            jurisdiction=places[place],
            unit=unit,
            story=story,
            nominator_name=f"{places[place].name}文明办",
            nominator_phone=f"1390000{3000 + seq_base + i:04d}",
            photos=[_photo(name, 40 + i * 31)],
        )
        nomination, _ = intake.submit(campaign, data, public=False)
        reviewer = users["district1_reviewer" if place == "district1" else "district2_reviewer"]
        review.record_opinions(nomination, actor=reviewer, opinions=agree)
        review.review(nomination, actor=reviewer, action=Action.APPROVE)
        review.record_consent(nomination, actor=users["city_staff"], note="电话联系本人，同意公开姓名、照片和事迹")
        review.review(nomination, actor=users["city_staff"], action=Action.APPROVE)
        candidate_photos.publish(nomination, actor=users["city_staff"])
        made.append(nomination)
    return made


def _panel_accounts(draw):
    """The drawn experts' accounts, made when missing (no password: nobody signs in as them)."""
    accounts = {}
    for expert in Expert.objects.filter(pk__in=draw.panel).select_related("user"):
        if expert.user is None:
            user = get_user_model()(username=f"expert_{expert.pk}", first_name=f"评审专家·{expert.name}")
            user.set_unusable_password()
            user.save()
            expert.user = user
            expert.save(update_fields=["user"])
        accounts[expert.pk] = expert.user
    return accounts


def _reviewed(campaign, people, places, users, verdicts=None):
    """The expert round and the inspections, each on its stage's first day: draw, declare, score, close, rank,
    cut the shortlist, inspect.  Scores fall with the order of `people`, so the ranking keeps that order.
    `verdicts` gives each shortlisted candidate's inspection verdict in rank order (None: not inspected);
    by default all pass."""
    staff = users["city_staff"]
    demo_experts.experts(places, users)
    ExpertReviewSettings.objects.create(campaign=campaign, panel_size=5, max_per_type=1)
    criteria = list(demo_experts.rubric(campaign).criteria.all())
    day = campaign.stage(StageKind.EXPERT_REVIEW).starts_on
    draw = drawing.perform_draw(drawing.prepare_draw(campaign, actor=staff, today=day), actor=staff, today=day)
    for e, user in enumerate(_panel_accounts(draw).values()):
        for c, nomination in enumerate(people):
            declared = scoring.declare(
                draw, actor=user, nomination=nomination, decision=DeclarationDecision.NO_CONFLICT, today=day
            )
            if declared.is_recusal:
                continue
            points = {k.pk: 9 - c - (e + i) % 2 for i, k in enumerate(criteria)}
            scoring.submit_score(draw, actor=user, nomination=nomination, points=points, today=day)
    drawing.close_round(draw, actor=staff)
    entries = scoring.cut_shortlist(campaign, actor=staff)
    day = campaign.stage(StageKind.INSPECTION).starts_on
    verdicts = verdicts or [InspectionVerdict.PASSED] * len(entries)
    for entry, verdict in zip(entries, verdicts, strict=False):
        if verdict is None:
            continue
        inspection = inspections.assign(entry, actor=staff, scheduled_on=day, inspectors=[staff], today=day)
        name = entry.nomination.nominee_name
        findings = (
            f"走访{name}所在社区、单位和邻居，事迹属实，群众认可。"
            if verdict == InspectionVerdict.PASSED
            else f"走访{name}所在单位和邻居，事迹中的主要情节未能得到印证，群众反映不一。"
        )
        inspections.record_findings(inspection, actor=staff, findings=findings, verdict=verdict, today=day)
    return [entry.nomination for entry in entries]


def _published_campaign(places, users, log):
    staff = users["city_staff"]
    campaign = Campaign.objects.create(
        title=PUBLISHED_TITLE,
        period_label="2026年第三季度",
        honour_title="清河好人",
        publication_mode=PublicationMode.LIVE,
        nomination_quota=5,
        story_min_chars=40,
    )
    dated_stages(
        campaign,
        [
            (StageKind.NOMINATION, -120, -100),
            (StageKind.REVIEW, -99, -85),
            (StageKind.VOTE, -84, -75),
            (StageKind.EXPERT_REVIEW, -74, -68),
            (StageKind.INSPECTION, -67, -60),
            (StageKind.NOTICE, -59, -53),
            (StageKind.APPROVAL, -52, -45),
            (StageKind.PUBLICATION, -44, -40),
        ],
    )
    people = _reviewed(campaign, _accepted(campaign, PUBLISHED_PEOPLE, places, users, seq_base=40), places, users)
    notice_stage = notice.notice_stage(campaign)
    objection = notice.file_objection(
        campaign,
        nomination_id=people[1].pk,
        name="韩立新",
        phone="13700004444",
        facts="听说这件事发生在外省，不知道是否符合本市评选范围，请核实。",
        today=notice_stage.starts_on + datetime.timedelta(days=2),
    )
    notice.update_case(
        objection, actor=staff, assignee=staff, deadline=notice_stage.ends_on, notes="已与事发地交警核实"
    )
    notice.update_case(
        objection,
        actor=staff,
        assignee=staff,
        notes="已与事发地交警核实，当事人为本市户籍，常年在本市从事运输。",
        outcome="dismissed",
        public_result="经核查，该候选人为本市居民，事迹属实，符合评选范围，异议不成立。",
    )
    approval.record_approval(
        campaign,
        actor=staff,
        document_number="清文明委〔2026〕9号",
        approved_on=timezone.localdate() - datetime.timedelta(days=48),
        nominations=people,
    )
    page = _page(
        campaign,
        "2026q3-haoren",
        "2026年第三季度“清河好人”",
        "本季度“清河好人”评选已经结束，入选者的事迹已在好人榜发布。",
    )
    try:
        release = publication.publish(campaign, actor=staff)
    except publication.PublicationRefused as exc:
        log(f"评选结果未发布：{exc}")
        return campaign
    first = people[0].honour
    honours.record_care(first, actor=staff, kind="visit", note="上门看望，了解修补队活动需要的物资。")
    _promoted(first, staff)
    areas = [
        CourtesyArea.objects.get_or_create(name=name, defaults={"description": note})[0] for name, note in COURTESIES
    ]
    honours.issue_card(
        first,
        actor=staff,
        number="QHHR-2026-0301",
        valid_until=datetime.date(timezone.localdate().year + 2, 12, 31),
        areas=areas,
    )
    log(f"已发布“{release.title}”（{len(people)}人，含荣誉证书）{'，活动页面 /' + page.slug + '/' if page else ''}。")
    return campaign


def _promoted(honour, staff):
    """One honouree put forward to the province on recorded decisions and awarded: two honours, one profile."""
    day = timezone.localdate() - datetime.timedelta(days=30)
    decisions = [
        promotion.Decision(
            "expert_review", day, "何文清（市社科院）\n白树人（清河日报）\n林海燕（市志愿者协会）", "agreed"
        ),
        promotion.Decision("directors_meeting", day + datetime.timedelta(days=3), "市文明办主任\n各副主任", "agreed"),
    ]
    proposed = promotion.promote(honour, actor=staff, decisions=decisions, note="事迹经省级媒体报道，群众认可度高。")
    promotion.record_promotion_result(
        proposed,
        actor=staff,
        awarded=True,
        title=f"{timezone.localdate().year}年第三季度“河东好人”",
        awarded_on=timezone.localdate() - datetime.timedelta(days=10),
    )


def _notice_campaign(places, users, log):
    campaign = Campaign.objects.create(
        title=NOTICE_TITLE,
        period="monthly",
        period_label="2026年10月",
        honour_title="清河好人",
        nomination_quota=5,
        story_min_chars=30,
    )
    dated_stages(
        campaign,
        [
            (StageKind.NOMINATION, -50, -35),
            (StageKind.REVIEW, -34, -25),
            (StageKind.VOTE, -24, -18),
            (StageKind.EXPERT_REVIEW, -17, -12),
            (StageKind.INSPECTION, -11, -3),
            (StageKind.NOTICE, -2, 4),
            (StageKind.APPROVAL, 5, 12),
            (StageKind.PUBLICATION, 13, 15),
        ],
    )
    accepted = _accepted(campaign, NOTICE_PEOPLE, places, users, seq_base=60)
    people = _reviewed(campaign, accepted, places, users, verdicts=NOTICE_VERDICTS)
    notice.file_objection(
        campaign,
        nomination_id=people[0].pk,
        name="曹文斌",
        phone="13700005555",
        facts="该候选人所在邮政所去年曾被投诉延误投递，事迹中“从未延误”的说法请核实。",
    )
    page = _page(
        campaign,
        "gongshi",
        "2026年10月“清河好人”公示",
        "拟入选名单正在网上公示，欢迎监督。",
    )
    notice.record_stage_events()
    where = f"，公示页 /{page.slug}/notice/" if page else ""
    log(f"公示中的活动“{campaign.title}”已建立（3人公示，考察通过、不通过、未考察各1人；1条异议待核查）{where}。")
    return campaign


def load(places, users, log=print):
    """Both campaigns; the caller (loader.load) makes it idempotent."""
    _published_campaign(places, users, log)
    _notice_campaign(places, users, log)

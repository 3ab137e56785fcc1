"""Voting demo (called by evaluation.demo.loader.load): one campaign open for voting in anonymous device
mode with 22 candidates and some votes, and one in SMS mode with daily published counts.

Candidates go through intake and the tiered review like any other nominee, so
their photos are published by the review service (services/candidate_photos.py).
Idempotent: each campaign is built once, found by its title.
"""

import datetime
import random

from django.test import RequestFactory

from evaluation.choices import CountsDisplay, IdentityMode, StageKind
from evaluation.demo.builders import campaign_page, dated_stages
from evaluation.models import Campaign, LedgerCheckpoint, VotingRules
from evaluation.services import intake, ledger, review, voting
from evaluation.services.intake import NominationData
from evaluation.workflows.nomination import Action, Status

VOTE_TITLE = "2026年第四季度“清河好人”网络评议"
SMS_TITLE = "2026年度“清河好人”年度人物评议（短信投票）"
DEPARTMENTS = ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]

# name, gender, birth year, category, unit, story (demo content written for this site)
VOTE_CANDIDATES = [
    (
        "孟庆华",
        "male",
        1961,
        "helping_others",
        "退休教师",
        "孟庆华退休后在社区开办免费作业辅导班，八年来辅导双职工家庭的孩子三百多名，从不收一分钱。",
    ),
    (
        "田秀云",
        "female",
        1970,
        "helping_others",
        "菜市场摊主",
        "田秀云的菜摊旁常年放着一个“爱心筐”，困难老人可以免费取菜，她说自己吃过苦，知道难处。",
    ),
    (
        "罗振宇",
        "male",
        1992,
        "bravery",
        "快递员",
        "罗振宇送件途中看到老人倒地、呼吸微弱，立即进行心肺复苏，坚持到救护车赶来，老人转危为安。",
    ),
    (
        "邓丽娟",
        "female",
        1984,
        "dedication",
        "乡村小学教师",
        "邓丽娟在山区教学点任教十五年，一个人教四个年级，学校里每个孩子的家她都走过不止一遍。",
    ),
    (
        "谢国栋",
        "male",
        1958,
        "honesty",
        "五金店店主",
        "谢国栋替外出务工的邻居代收货款多年，每一笔都记在账本上，分文不差，街坊都说把钱交给他放心。",
    ),
    (
        "秦玉芝",
        "female",
        1949,
        "filial_love",
        "农民",
        "秦玉芝七十多岁仍悉心照料九十六岁的婆婆，婆媳相处半个世纪从未红过脸，是村里公认的好媳妇。",
    ),
    (
        "白志远",
        "male",
        1987,
        "bravery",
        "渔民",
        "汛期一名游客被冲入河心，白志远划着自家小船逆流而上，两次落水仍不放弃，终于把人救上岸。",
    ),
    (
        "黄美玲",
        "female",
        1979,
        "dedication",
        "公交车驾驶员",
        "黄美玲驾驶公交线路十七年安全行驶八十万公里，车厢里常备老花镜、雨伞和急救包，乘客都认识她。",
    ),
    (
        "彭建军",
        "male",
        1966,
        "honesty",
        "建材商户",
        "彭建军发现一批货物存在质量隐患，主动召回已售出的全部产品，宁可亏损也不让顾客吃亏。",
    ),
    (
        "曾晓红",
        "female",
        1990,
        "helping_others",
        "社区网格员",
        "曾晓红为辖区四十多位独居老人建立了“每日一问”微信群，谁家一天没回消息，她一定上门看看。",
    ),
    (
        "蔡文斌",
        "male",
        1975,
        "dedication",
        "供电所抢修班长",
        "蔡文斌带领抢修班在冰冻天气中连续奋战三昼夜，抢通二十多条线路，让山村在除夕前亮起了灯。",
    ),
    (
        "潘桂芳",
        "female",
        1963,
        "filial_love",
        "个体裁缝",
        "潘桂芳的母亲患阿尔茨海默病十年，她把裁缝铺搬回家中，一边做活一边照看，从不让母亲离开视线。",
    ),
    (
        "袁立新",
        "male",
        1981,
        "bravery",
        "保安",
        "小区地下车库起火，袁立新第一时间拿起灭火器扑救并疏散车主，火情被控制时他的手臂已被烫伤。",
    ),
    (
        "于春梅",
        "female",
        1972,
        "honesty",
        "超市收银员",
        "于春梅在收银台捡到顾客遗落的钱包，里面有现金和重要证件，她守在店里等了两个小时物归原主。",
    ),
    (
        "蒋海涛",
        "male",
        1985,
        "helping_others",
        "出租车司机",
        "蒋海涛和同行组建“爱心送考车队”，每年高考免费接送考生，五年来已送考一千多人次。",
    ),
    (
        "余淑兰",
        "female",
        1955,
        "filial_love",
        "退休工人",
        "余淑兰的丈夫去世后，她继续照顾瘫痪的公公十余年，还供养丈夫弟弟的孩子读完了大学。",
    ),
    (
        "杜永强",
        "male",
        1968,
        "dedication",
        "环卫工人",
        "杜永强负责的路段是全市最繁忙的商业街，二十年来他每天凌晨四点上岗，街面始终干干净净。",
    ),
    (
        "叶小琴",
        "female",
        1995,
        "bravery",
        "护士",
        "高铁上一名乘客突发急病，下班返乡的叶小琴挺身而出，跪地施救四十分钟，直至到站交给医护人员。",
    ),
    (
        "程德胜",
        "male",
        1952,
        "honesty",
        "退休会计",
        "程德胜义务为村里管账十二年，每月张榜公布收支，村民说他的账本“一根针都对得上”。",
    ),
    (
        "魏红霞",
        "female",
        1977,
        "helping_others",
        "餐馆老板",
        "魏红霞的餐馆对环卫工人、外卖骑手免费提供热水和午间休息，寒冬里还常常送上一碗热汤面。",
    ),
    (
        "苏建华",
        "male",
        1983,
        "dedication",
        "消防站站长",
        "苏建华从警十八年参加灭火救援两千余次，他总说“我是站长，危险的地方我先上”。",
    ),
    (
        "吕桂香",
        "female",
        1966,
        "filial_love",
        "社区居民",
        "吕桂香同时照顾年迈的父母和公婆四位老人，每天推着轮椅带老人晒太阳，邻里都称她“孝心媳妇”。",
    ),
]
SMS_CANDIDATES = [
    (
        "丁志明",
        "male",
        1964,
        "dedication",
        "乡村医生",
        "丁志明在村卫生室坚守三十年，随叫随到，夜里出诊的手电筒换了一个又一个。",
    ),
    (
        "任秀珍",
        "female",
        1958,
        "helping_others",
        "社区志愿者",
        "任秀珍组织“银发志愿队”，为小区老人义务理发、修补衣物，十年不间断。",
    ),
    ("姚俊峰", "male", 1989, "bravery", "货车司机", "姚俊峰在高速公路上用自己的货车挡住失控车辆，避免了一起连环事故。"),
    (
        "钟慧敏",
        "female",
        1982,
        "honesty",
        "银行柜员",
        "钟慧敏发现储户多取了五万元，下班后骑车走访多家，连夜把钱送还储户家中。",
    ),
    (
        "汪德福",
        "male",
        1950,
        "filial_love",
        "农民",
        "汪德福年近八旬仍照顾卧床多年的老伴，把家里收拾得干干净净，老伴从未生过褥疮。",
    ),
    (
        "方丽萍",
        "female",
        1976,
        "dedication",
        "特殊教育教师",
        "方丽萍执教特殊教育学校二十年，教会数十名听障孩子说出了第一句完整的话。",
    ),
]


def _campaign(title, period_label, rules):
    campaign = Campaign.objects.create(
        title=title,
        period_label=period_label,
        story_min_chars=30,
        nomination_quota=15,
        departments="\n".join(DEPARTMENTS),
    )
    dated_stages(
        campaign,
        [
            (StageKind.NOMINATION, -40, -21),
            (StageKind.REVIEW, -20, -2),
            (StageKind.VOTE, -1, 20),
            (StageKind.EXPERT_REVIEW, 21, 27),
            (StageKind.NOTICE, 28, 34),
            (StageKind.PUBLICATION, 35, 40),
        ],
    )
    VotingRules.objects.create(campaign=campaign, **rules)
    return campaign


def _accept(nomination, submitter, reviewer, city_staff):
    """Take a nominee through grassroots, district and city review, with consent recorded."""
    agree = {d: ("agree", "") for d in DEPARTMENTS}
    if nomination.status == Status.PENDING_GRASSROOTS:
        nomination = review.review(nomination, actor=submitter, action=Action.APPROVE)
    if nomination.status == Status.PENDING_DISTRICT:
        review.record_opinions(nomination, actor=reviewer, opinions=agree)
        nomination = review.review(nomination, actor=reviewer, action=Action.APPROVE)
    review.record_consent(nomination, actor=city_staff, note="电话联系本人，同意公开事迹和照片")
    return review.review(nomination, actor=city_staff, action=Action.APPROVE)


def _candidates(campaign, rows, places, users, region):
    from evaluation.demo.builders import id_number as _id_number
    from evaluation.demo.builders import photo as _photo

    routes = [
        (places["street1"], users["district1_submitter"], users["district1_reviewer"]),
        (places["street2"], users["district2_submitter"], users["district2_reviewer"]),
    ]
    made = []
    for i, (name, gender, year, category, unit, story) in enumerate(rows):
        place, submitter, reviewer = routes[i % len(routes)]
        data = NominationData(
            method="individual" if i % 4 else "organisation",
            channel=["territorial", "media", "self"][i % 3],
            category=category,
            nominee_name=name,
            gender=gender,
            birth_year=year,
            id_number=_id_number(
                region, datetime.date(year, 1 + i % 12, 1 + i % 28), f"{20 + i:02d}{1 if gender == 'male' else 2}"
            ),
            jurisdiction=place,
            unit=unit,
            story=story,
            nominator_name=["陈静", "赵磊", "孙丽", "周强"][i % 4],
            nominator_phone=f"1390000{2000 + i:04d}",
            consent=True,
            photos=[_photo(name, i * 37)],
        )
        nomination = intake.submit(campaign, data, public=False)[0]
        made.append(_accept(nomination, submitter, reviewer, users["city_staff"]))
    return made


def _votes(campaign, candidates, voters=40):
    """Some votes from anonymous device voters, through the voting service (and so into the ledger)."""
    rng = random.Random(2026)  # noqa: S311 - demo content
    weights = [rng.randint(1, 8) for _ in candidates]
    factory = RequestFactory()
    for n in range(voters):
        request = factory.post("/", REMOTE_ADDR=f"192.0.2.{10 + n}")
        voter, _ = voting.issue_voter(campaign, request=request)
        for candidate in {c.pk: c for c in rng.choices(candidates, weights=weights, k=3)}.values():
            voting.cast(campaign, candidate.pk, voter, request=request)
    ledger.publish_checkpoint(campaign, reason=LedgerCheckpoint.Reason.DAILY)


def _page(campaign, slug, intro):
    return campaign_page(campaign, slug, intro)


def load(places, users, log=print):
    """Build the voting demo campaigns that do not exist yet; True if anything was built."""
    made = False
    if not Campaign.objects.filter(title=VOTE_TITLE).exists():
        campaign = _campaign(
            VOTE_TITLE,
            "2026年第四季度",
            {
                "identity_mode": IdentityMode.DEVICE,
                "per_day_total": 10,
                "counts_display": CountsDisplay.LIVE,
            },
        )
        candidates = _candidates(campaign, VOTE_CANDIDATES, places, users, "140108")
        _votes(campaign, candidates)
        _page(campaign, "pingyi", "为身边的好人点赞：每人每天可为每位候选人投 1 票，票数实时更新。")
        log(
            f"投票演示：活动“{campaign.title}”，候选人{len(candidates)}名，已有{campaign.votes.count()}票（匿名设备投票）。"
        )
        made = True
    if not Campaign.objects.filter(title=SMS_TITLE).exists():
        campaign = _campaign(
            SMS_TITLE,
            "2026年度",
            {
                "identity_mode": IdentityMode.SMS,
                "per_day_total": 3,
                "captcha_after": 2,
                "counts_display": CountsDisplay.SNAPSHOT,
                "snapshot_hour": 20,
            },
        )
        candidates = _candidates(campaign, SMS_CANDIDATES, places, users, "140109")
        _page(campaign, "niandu", "年度人物评议采用手机短信验证投票，每人每天最多 3 票，票数每天 20 时公布。")
        log(f"投票演示：活动“{campaign.title}”，候选人{len(candidates)}名（短信验证投票，验证码写入日志）。")
        made = True
    return made

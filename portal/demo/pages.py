"""Publishing the demo's articles, notices, stories and topic pages."""

import datetime

from portal.choices import Category, SubjectKind
from portal.models import ArticlePage, NoticeAttachment, NoticePage, StoryPage, TopicPage

from .builder import fill, setting_of, stream
from .content_articles import ARTICLES
from .content_columns import ACTIVITIES, COLUMN_ARTICLES, DISTRICT_TEMPLATES, SERVICES
from .content_notices import NOTICES
from .content_stories import STORIES
from .places import DISTRICT_SLUGS, RURAL_DISTRICTS, place_of

EDITORS = ["周晓岚", "孙立平", "何静", "马骁"]
CHANNEL_SCENES = {
    "yaowen": "meeting",
    "nuanxinwen": "community",
    "chengxin": "market",
    "bobao": "skyline",
    "zhiyuan": "volunteers",
    "jieri": "lanterns",
    "chuangjian": "skyline",
    "weichengnian": "school",
    "sixiang": "community",
    "xianqu": "village",
}
STORY_SCENES = {
    Category.HELPING_OTHERS: "volunteers",
    Category.BRAVERY: "river",
    Category.HONESTY: "market",
    Category.DEDICATION: "night",
    Category.FILIAL_LOVE: "village",
}
QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度"]
ORDINALS = ["三", "四", "五", "六", "七"]


def _day(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def district_articles(rng, start=datetime.date(2024, 2, 1), end=datetime.date(2026, 11, 19), per_district=2):
    """News for each district's sub-channel, from DISTRICT_TEMPLATES, dated between start and end."""
    specs, span = [], (end - start).days
    for index, (district, slug) in enumerate(DISTRICT_SLUGS.items()):
        for turn in range(per_district):
            number = index * per_district + turn
            template = DISTRICT_TEMPLATES[number % len(DISTRICT_TEMPLATES)]
            while setting_of(template) == "rural" and district not in RURAL_DISTRICTS:
                number += 1
                template = DISTRICT_TEMPLATES[number % len(DISTRICT_TEMPLATES)]
            title, lead, body, scene = template
            day = start + datetime.timedelta(days=rng.randint(0, span))
            town, place = place_of(rng, district, setting_of(template))
            slots = {
                "district": district,
                "town": town,
                "place": place,
                "activity": rng.choice(ACTIVITIES),
                "service": rng.choice(SERVICES),
                "quarter": QUARTERS[((day.month - 1) // 3 - 1) % 4],
                "day_text": f"{day.month}月{day.day}日",
                "unit_word": "街道（乡镇）和部门",
                "tables": rng.choice([10, 15, 20]),
                "gift": rng.choice([100, 200]),
                "nth": rng.choice(ORDINALS),
                "count": rng.randint(12, 60),
                "people": rng.randint(3, 9) * 100,
            }
            specs.append(
                {
                    "channel": f"xianqu/{slug}",
                    "day": day,
                    "title": fill(title, **slots),
                    "lead": fill(lead, **slots),
                    "body": fill(body, **slots),
                    "scene": scene,
                    "tags": (district, "县区动态"),
                    "featured": False,
                    "source": f"{district}文明办",
                }
            )
    return specs


def all_article_specs(rng):
    return ARTICLES + COLUMN_ARTICLES + district_articles(rng)


def make_article(spec, pool, documents, names, rng, slug):
    channel_key = spec["channel"].split("/")[0]
    scene_key = spec["scene"]
    if scene_key is None and channel_key in CHANNEL_SCENES and rng.random() < 0.6:
        scene_key = CHANNEL_SCENES[channel_key]
    image = pool.scene(scene_key) if scene_key else None
    reporter, _gender = names.person()
    author = f"本网评论员 {reporter}" if channel_key == "weiguancha" else rng.choice(["记者 ", "通讯员 "]) + reporter
    page = ArticlePage(
        title=spec["title"],
        slug=slug,
        date=_day(spec["day"]),
        lead=spec["lead"],
        cover_image=image,
        featured=bool(spec["featured"] and image),
        body=stream(spec["body"], image, documents),
        source=spec["source"] or "清河文明网",
        author=author,
        editor_in_charge=rng.choice(EDITORS),
    )
    page.tags.add(*spec["tags"])
    return page


def build_articles(publisher, channels, pool, documents, names, rng, specs):
    pages, per_day = {}, {}
    for spec in sorted(specs, key=lambda s: _day(s["day"])):
        day = _day(spec["day"])
        per_day[day] = per_day.get(day, 0) + 1
        page = make_article(spec, pool, documents, names, rng, f"{day:%Y%m%d}-{per_day[day]:02d}")
        pages[spec["title"]] = publisher.add(channels[spec["channel"]], page, day)
    return pages


def roster_list(rows):
    items = "".join(f"<li>{name}（{district}，{unit}）</li>" for name, district, unit, _category in rows)
    return {"type": "paragraph", "value": f"<ol>{items}</ol>"}


def build_notices(publisher, channel, documents, rosters, today):
    pages = {}
    for number, spec in enumerate(sorted(NOTICES, key=lambda s: s["day"]), start=1):
        day = _day(spec["day"])
        deadline = spec["deadline"]
        if isinstance(deadline, int):
            deadline = max(day, today) + datetime.timedelta(days=deadline)
        elif deadline:
            deadline = _day(deadline)
        body = []
        for line in spec["body"]:
            if line.startswith("[roster:"):
                body.append(roster_list(rosters[line[8:-1]]))
            else:
                body.extend(stream([line]))
        page = NoticePage(
            title=spec["title"],
            slug=f"{day:%Y%m%d}-n{number:02d}",
            document_number=spec["number"],
            issuer=spec["issuer"],
            date=day,
            deadline=deadline or None,
            lead=spec["lead"],
            body=body,
        )
        page.attachments = [
            NoticeAttachment(document=documents[key], title=title) for key, title in spec["attachments"]
        ]
        pages[spec["number"]] = publisher.add(channel, page, day)
    return pages


def build_stories(publisher, channel, districts, pool, names, rng):
    pages = []
    for number, spec in enumerate(sorted(STORIES, key=lambda s: s["day"]), start=1):
        district = spec["district"]
        town, place = place_of(rng, district, setting_of([spec["lead"], spec["body"]]))
        is_collective = spec["kind"] == "collective"
        name, gender = names.person(None if is_collective else spec["kind"])
        slots = {
            "name": name,
            "ta": "他" if gender == "m" else "她",
            "district": district,
            "town": town,
            "place": place,
            "surname": name[0],
        }
        subject = fill(spec["subject"], **slots) if is_collective else name
        image = pool.scene(spec["scene"] or STORY_SCENES[spec["category"]])
        day = _day(spec["day"])
        page = StoryPage(
            title=fill(spec["title"], **slots),
            slug=f"{day:%Y%m%d}-s{number:02d}",
            subject_kind=SubjectKind.COLLECTIVE if is_collective else SubjectKind.PERSON,
            subject_name=subject,
            category=spec["category"],
            unit=spec["unit"],
            district=districts[district],
            date=day,
            cover_image=image,
            lead=fill(spec["lead"], **slots),
            body=stream(fill(spec["body"], **slots), image),
        )
        pages.append(publisher.add(channel, page, day))
    return pages


def _section(title, intro, pages):
    return {"type": "section", "value": {"title": title, "intro": intro, "pages": [p.pk for p in pages if p]}}


def build_topics(publisher, home, channels, articles, notices, stories, pool):
    """Two topic pages: 我们的节日·春节 (under its channel) and 文明城市创建 (under home)."""
    spring = [articles.get(t) for t in ARTICLE_PICKS["spring"]]
    filial = [s for s in stories if s.category == Category.FILIAL_LOVE][:3]
    festival = TopicPage(
        title="我们的节日·春节",
        slug="chunjie-2026",
        banner_image=pool.banners["banner_spring"],
        lead="写春联、送温暖、文明过节：看城乡各地怎样过一个欢乐祥和、文明节俭的春节。",
        sections=[
            _section("新春活动", "各地新时代文明实践站的迎新春活动。", spring),
            _section("通知安排", "市文明办关于春节主题活动的部署。", [notices.get("清文明办〔2026〕3号")]),
            _section("孝老爱亲", "年味里最浓的是亲情。", filial),
        ],
    )
    city = TopicPage(
        title="文明城市创建 我们在行动",
        slug="chuangcheng",
        banner_image=pool.banners["banner_city"],
        lead="创建文明城市，为民、靠民、惠民。这里汇集创建动态、问题整改和街巷里的新变化。",
        sections=[
            _section("创建动态", "", [articles.get(t) for t in ARTICLE_PICKS["city"]]),
            _section(
                "问题整改",
                "交办、整改、复查，一件一件抓落实。",
                [notices.get("清文明办〔2026〕24号"), articles.get("创建问题整改“回头看”发现问题236处")],
            ),
            _section("身边的变化", "", [articles.get(t) for t in ARTICLE_PICKS["changes"]]),
        ],
    )
    return [
        publisher.add(channels["jieri"], festival, datetime.date(2026, 2, 16)),
        publisher.add(home, city, datetime.date(2026, 9, 1)),
    ]


ARTICLE_PICKS = {
    "spring": [
        "写春联 送福字 “我们的节日·春节”活动温暖城乡",
        "元宵灯会猜灯谜 传统文化添新意",
        "“百家饺子”送进独居老人家",
        "高铁站志愿服务岗护送旅客平安返程",
    ],
    "city": [
        "省文明城市测评组来清开展年度实地考察",
        "“创城有我”市民巡访团上岗",
        "全市创建文明城市动员大会召开",
        "清河市获评省级文明城市提名城市",
    ],
    "changes": [
        "背街小巷“微改造” 老城区换新颜",
        "老旧小区改造让居民住得更舒心",
        "农贸市场提档升级 买菜也能“逛”得舒心",
    ],
}

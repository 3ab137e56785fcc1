"""The honour roll (好人榜): releases and honourees planned from templates, then published."""

import datetime

from portal.choices import Category, Level, SubjectKind
from portal.models import HonoureePage, HonourHeld, HonourRollPage, ReleasePage

from .builder import fill, paragraph, setting_of
from .content_honourees import TEMPLATES
from .places import (
    CITY,
    CITY_SHORT,
    COMPANIES,
    DISTRICTS,
    FACTORIES,
    HOSPITALS,
    PRIVATE_COMPANIES,
    PROVINCE,
    RURAL_DISTRICTS,
    SCHOOLS,
    URBAN_DISTRICTS,
    place_of,
)

# key, title, period label, year, date
RELEASES = [
    ("2025h2", "2025年下半年", "下半年", 2025, "2026-01-20"),
    ("2026q1", "2026年第一季度", "第一季度", 2026, "2026-04-22"),
    ("2026q2", "2026年第二季度", "第二季度", 2026, "2026-07-21"),
    ("2026q3", "2026年第三季度", "第三季度", 2026, "2026-10-28"),
]
PER_RELEASE = 16
COLLECTIVE_SCENES = ["volunteers", "community", "river", "skyline", "market", "village"]
# category: (title for a person, title for a collective)
EARLIER_HONOURS = {
    Category.HELPING_OTHERS: (f"{CITY}优秀志愿者", f"{CITY}优秀志愿服务组织"),
    Category.BRAVERY: (f"{CITY}见义勇为先进个人", f"{CITY}见义勇为先进集体"),
    Category.HONESTY: (f"{CITY}诚信之星", f"{CITY}诚信建设示范单位"),
    Category.DEDICATION: (f"{CITY}劳动模范", f"{CITY}工人先锋号"),
    Category.FILIAL_LOVE: (f"{CITY}道德模范提名奖", f"{CITY}文明家庭"),
}


def _slots(rng, names, district, gender, setting):
    town, place = place_of(rng, district, setting)
    name, gender = names.person(gender)
    return {
        "name": name,
        "ta": "他" if gender == "m" else "她",
        "district": district,
        "town": town,
        "place": place,
        "resident": "村民" if place.endswith("村") else "居民",
        "years": rng.randint(6, 28),
        "n": rng.randint(3, 40),
        "age": rng.randint(72, 91),
        "company": rng.choice(COMPANIES),
        "private": rng.choice(PRIVATE_COMPANIES),
        "factory": rng.choice(FACTORIES),
        "hospital": rng.choice(HOSPITALS),
        "school": district + rng.choice(SCHOOLS),
        "founded": rng.randint(2008, 2019),
        "members": rng.randint(18, 160),
        "few": rng.randint(3, 9),
        "small": rng.randint(12, 45),
        "mid": rng.randint(5, 30) * 10,
        "big": rng.randint(8, 60) * 100,
        "cash": rng.randint(2, 9) * 1000 + rng.choice([0, 500]),
        "family": rng.randint(9, 17),
        "volunteers": rng.randint(3, 6),
    }


def plan_honouree(rng, names, category, template, district, day):
    """One honouree as a dict of page fields (not saved), from a template."""
    subject, unit, deed, story, *collective = template
    gender = None if subject in ("any", "collective") else subject
    setting = setting_of(template)
    fitting = RURAL_DISTRICTS if setting == "rural" else URBAN_DISTRICTS if setting == "urban" else DISTRICTS
    if district not in fitting:
        district = rng.choice(fitting)
    slots = _slots(rng, names, district, gender, setting)
    is_collective = subject == "collective"
    title = fill(collective[0], **slots) if is_collective else slots["name"]
    return {
        "title": title,
        "category": category,
        "district": district,
        "day": day,
        "kind": SubjectKind.COLLECTIVE if is_collective else SubjectKind.PERSON,
        "unit": fill(unit, **slots),
        "deed": fill(deed, **slots),
        "story": fill(story, **slots),
    }


def plan_releases(rng, names):
    """Honourees per release key: every category in each release, districts and templates rotating."""
    districts = list(DISTRICTS)
    categories = list(Category)
    plan, counter, used = {}, 0, {c: 0 for c in categories}
    for index, (key, _title, _label, _year, day) in enumerate(RELEASES):
        people = []
        for slot in range(PER_RELEASE):
            category = categories[(slot + index) % len(categories)]
            templates = TEMPLATES[category]
            template = templates[used[category] % len(templates)]
            used[category] += 1
            district = districts[counter % len(districts)]
            counter += 1
            people.append(plan_honouree(rng, names, category, template, district, datetime.date.fromisoformat(day)))
        people.sort(key=lambda p: (categories.index(p["category"]), p["title"]))
        plan[key] = people
    return plan


def roster_rows(people):
    return [(p["title"], p["district"], p["unit"], Category(p["category"]).label) for p in people]


def _honours(rng, person, release_title, release_date, promoted):
    honours = [HonourHeld(name=f"{CITY_SHORT}好人（{release_title}）", level=Level.CITY, date=release_date)]
    collective = int(person["kind"] == SubjectKind.COLLECTIVE)
    if rng.random() < 0.35:
        earlier = release_date - datetime.timedelta(days=rng.randint(300, 1500))
        name = EARLIER_HONOURS[person["category"]][collective]
        honours.insert(0, HonourHeld(name=name, level=Level.CITY, date=earlier))
    if promoted:
        later = release_date + datetime.timedelta(days=rng.randint(40, 80))
        if later <= datetime.date.today():
            honours.append(HonourHeld(name=f"{PROVINCE}好人榜", level=Level.PROVINCE, date=later))
    return honours


def publish_honouree(publisher, release, person, districts, pool, rng, slug, number, promoted=False):
    """Publish one planned honouree under `release`, with a photo from the pool and its honours."""
    if person["kind"] == SubjectKind.COLLECTIVE:
        photo = pool.scene(COLLECTIVE_SCENES[number % len(COLLECTIVE_SCENES)])
    else:
        photo = pool.portrait(person["category"], number)
    page = HonoureePage(
        title=person["title"],
        slug=slug,
        subject_kind=person["kind"],
        category=person["category"],
        photo=photo,
        district=districts[person["district"]],
        unit=person["unit"],
        deed=person["deed"],
        story=[paragraph(text) for text in person["story"]],
    )
    page.honours = _honours(rng, person, release.title, release.date, promoted)
    return publisher.add(release, page, release.date)


def build_honour_roll(publisher, home, plan, districts, pool, rng):
    """Publish the roll, its releases and honourees; return (roll, releases by key)."""
    first_day = datetime.date.fromisoformat(RELEASES[0][4])
    roll = HonourRollPage(
        title="好人榜",
        slug="haorenbang",
        intro=f"“{CITY_SHORT}好人”按季度评选发布，经推荐、网络评议、社会代表评议、实地考察和公示产生。"
        "可按类别、级别、县区和年度查看。",
    )
    publisher.add(home, roll, first_day - datetime.timedelta(days=1))
    releases = {}
    for key, title, label, year, day in RELEASES:
        day = datetime.date.fromisoformat(day)
        people = plan[key]
        counts = {c: sum(1 for p in people if p["category"] == c) for c in Category}
        summary = "、".join(f"{Category(c).label}{n}人（组）" for c, n in counts.items() if n)
        release = ReleasePage(
            title=title,
            slug=f"{year}-{key[4:]}",
            level=Level.CITY,
            year=year,
            period_label=label,
            date=day,
            intro=f"本期共有{len(people)}人（组）入选{CITY_SHORT}好人榜，其中{summary}。",
        )
        releases[key] = publisher.add(roll, release, day)
        for number, person in enumerate(people, start=1):
            promoted = number % 6 == 1 and key != RELEASES[-1][0]
            slug = f"{release.slug}-{number:02d}"
            publish_honouree(publisher, release, person, districts, pool, rng, slug, number, promoted)
    return roll, releases

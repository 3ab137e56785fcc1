"""`load_demo`: build the whole demo site in one transaction, or do nothing if it is there."""

import datetime
import time

from django.db import transaction
from wagtail.models import Page

from home.models import HomePage

from . import documents as docs
from . import images, pages, review, site
from .builder import Publisher
from .honour_roll import RELEASES, build_honour_roll, plan_releases, roster_rows
from .places import DISTRICTS, NameMaker, make_rng, place_of

SITE_DAY = datetime.date(2024, 1, 2)


class DemoExists(Exception):
    """The demo (a HomePage) is already in the database."""


def _family_roster(rng, names, count=30):
    rows = []
    for index in range(count):
        district = list(DISTRICTS)[index % len(DISTRICTS)]
        town, place = place_of(rng, district)
        name, _gender = names.person()
        rows.append((f"{name}家庭", district, f"{town}{place}", "文明家庭"))
    return docs.roster_document("families_2025", "2025年度清河市文明家庭名单（部分）", "wenming-jiating-2025.pdf", rows)


def _release_rosters(plan):
    extra = []
    for key, title, *_rest in RELEASES:
        extra.append(
            docs.roster_document(
                f"roster_{key}", f"{title}“清河好人榜”名单", f"qinghe-haoren-{key}.pdf", roster_rows(plan[key])
            )
        )
    return extra


def load(log=print):
    """Create everything; raise DemoExists if a HomePage is already there. Returns a summary dict."""
    if HomePage.objects.exists():
        raise DemoExists
    started = time.monotonic()
    timings = {}

    def tick(label):
        timings[label] = round(time.monotonic() - started - sum(timings.values()), 2)
        log(f"  {label}：{timings[label]} 秒")

    with transaction.atomic():
        rng = make_rng()
        names = NameMaker(make_rng(1))
        users, created_accounts = site.create_accounts()
        review.create_rules()
        publisher = Publisher(users["admin"], rng)
        districts = site.create_districts()
        pool = images.create_pool()
        tick("图片")
        plan = plan_releases(make_rng(2), names)
        documents = docs.create_documents(_release_rosters(plan) + [_family_roster(make_rng(3), names)])
        tick("附件")
        home, default_site = site.replace_welcome_page(publisher, SITE_DAY)
        channels = site.create_channels(publisher, home, SITE_DAY)
        site.attach_home_channels(publisher, home, channels)
        tick("首页和栏目")
        articles = pages.build_articles(
            publisher, channels, pool, documents, names, rng, pages.all_article_specs(make_rng(4))
        )
        tick("文章")
        rosters = {key: roster_rows(people) for key, people in plan.items()}
        notices = pages.build_notices(publisher, channels["tongzhi"], documents, rosters, datetime.date.today())
        tick("通知公告")
        stories = pages.build_stories(publisher, channels["gushi"], districts, pool, names, make_rng(5))
        tick("身边故事")
        roll, _releases = build_honour_roll(publisher, home, plan, districts, pool, make_rng(6))
        tick("好人榜")
        pages.build_topics(publisher, home, channels, articles, notices, stories, pool)
        site.create_settings(default_site)
        site.create_menus(home, channels, roll)
        tick("专题、设置和菜单")
    return {
        "counts": dict(publisher.counts),
        "pages": Page.objects.count(),
        "documents": len(documents),
        "images": len(pool.scenes) + len(pool.banners) + sum(len(v) for v in pool.portraits.values()),
        "created_accounts": created_accounts,
        "seconds": round(time.monotonic() - started, 1),
        "timings": timings,
    }

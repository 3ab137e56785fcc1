"""More of the same demo content, in any quantity, for benchmarks and query-count checks."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.choices import Category
from portal.models import ChannelPage, District, HonoureePage, ReleasePage

from . import images
from .builder import Publisher
from .content_honourees import TEMPLATES
from .honour_roll import plan_honouree, publish_honouree
from .pages import district_articles, make_article
from .places import DISTRICT_SLUGS, NameMaker, make_rng


class NoDemo(Exception):
    """The channel or release to fill does not exist (run load_demo first)."""


def _publisher(rng):
    user = get_user_model().objects.filter(is_superuser=True).order_by("id").first()
    return Publisher(user, rng)


def _token():
    """A short, time-based prefix that keeps slugs of successive runs apart."""
    return f"{time.time_ns() // 1_000_000:x}"


def add_articles(count, channel_slug, seed, days=730):
    """Publish `count` articles, dated over the last `days` days, under the channel `channel_slug`."""
    channel = ChannelPage.objects.filter(slug=channel_slug).first()
    if channel is None:
        raise NoDemo(f"没有找到标识为 {channel_slug} 的栏目，请先运行 load_demo。")
    pool = images.existing_pool() or images.create_pool()
    rng = make_rng(seed)
    names, publisher, token = NameMaker(rng), _publisher(rng), _token()
    end = datetime.date.today()
    start = end - datetime.timedelta(days=days)
    per_district = -(-count // len(DISTRICT_SLUGS))
    specs = district_articles(rng, start=start, end=end, per_district=per_district)
    rng.shuffle(specs)
    with transaction.atomic():
        for number, spec in enumerate(specs[:count], start=1):
            spec = dict(spec, tags=(*spec["tags"], "批量生成"))
            page = make_article(spec, pool, {}, names, rng, f"r{token}-{number:05d}")
            publisher.add(channel, page, spec["day"])
    return publisher.counts["ArticlePage"]


def add_honourees(count, release_slug, seed):
    """Publish `count` honourees under the release `release_slug` (default: the latest release)."""
    releases = ReleasePage.objects.order_by("-date", "-id")
    release = releases.filter(slug=release_slug).first() if release_slug else releases.first()
    if release is None:
        raise NoDemo(f"没有找到好人榜发布页{release_slug or ''}，请先运行 load_demo 或检查 --release。")
    pool = images.existing_pool() or images.create_pool()
    rng = make_rng(seed)
    names = NameMaker(rng, taken=HonoureePage.objects.values_list("title", flat=True))
    publisher, token = _publisher(rng), _token()
    districts = {district.name: district for district in District.objects.all()}
    categories = list(Category)
    with transaction.atomic():
        for number in range(1, count + 1):
            category = categories[number % len(categories)]
            district = rng.choice(sorted(districts))
            person = plan_honouree(rng, names, category, rng.choice(TEMPLATES[category]), district, release.date)
            slug = f"{release.slug}-r{token}-{number:05d}"
            publish_honouree(publisher, release, person, districts, pool, rng, slug, number)
    return release, publisher.counts["HonoureePage"]

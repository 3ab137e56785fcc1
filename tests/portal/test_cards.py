"""Listing cards (portal/cards.py) as visitors see them on channels, the honour roll and releases."""

import datetime
import re

from django.utils import timezone

from portal.cards import card
from tests.factories.portal import (
    ArticlePageFactory,
    DistrictFactory,
    HonoureePageFactory,
    ImageFactory,
    NoticePageFactory,
    StoryPageFactory,
)


def test_a_channel_lists_articles_notices_and_stories_each_with_its_card(client, channel):
    article = ArticlePageFactory(parent=channel, title="文明实践<新>进展", source="市文明办", lead="导语 & 摘要")
    NoticePageFactory(parent=channel, title="征集通知", deadline=timezone.localdate() - datetime.timedelta(days=1))
    StoryPageFactory(parent=channel, title="楼道里的灯", subject_name="王阿姨")
    html = client.get(channel.url).content.decode()
    # Titles and texts are escaped, the link is the page's own.
    assert f'<a class="card__link" href="{article.url}">文明实践&lt;新&gt;进展</a>' in html
    assert '<span class="card__meta-sep">市文明办</span>' in html
    assert '<p class="card__summary">导语 &amp; 摘要</p>' in html
    assert f'<time datetime="{article.date:%Y-%m-%d}">{article.date:%Y-%m-%d}</time>' in html
    # A notice past its deadline says so; a story names its person and category.
    assert '征集通知</a> <span class="badge badge--closed">已截止</span></h2>' in html
    assert '<span class="tag">助人为乐</span><span class="card__meta-sep">王阿姨</span>' in html
    assert html.count('<article class="card card--') == 3


def test_an_open_notice_shows_its_deadline_and_no_closed_badge(client, channel):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    NoticePageFactory(parent=channel, title="推荐通知", deadline=deadline)
    html = client.get(channel.url).content.decode()
    assert f'<span class="card__meta-sep">截止 <time datetime="{deadline:%Y-%m-%d}">' in html
    assert "已截止" not in html


def test_long_summaries_and_deeds_are_cut_with_an_ellipsis(rf, channel, release):
    long_lead = "志" * 120
    article = ArticlePageFactory(parent=channel, lead=long_lead)
    honouree = HonoureePageFactory(parent=release, deed="善" * 60)
    summary = re.search(r'<p class="card__summary">([^<]*)</p>', card(article, 2, rf.get("/"))).group(1)
    deed = re.search(r'<p class="person-card__deed">([^<]*)</p>', card(honouree, 3, rf.get("/"))).group(1)
    # Cut to 90 and 40 characters, the last ones an ellipsis (the Chinese translation's "...").
    assert len(summary) == 90 and summary.startswith("志" * 80) and summary.endswith("...")
    assert len(deed) == 40 and deed.startswith("善" * 30) and deed.endswith("...")
    short = ArticlePageFactory(parent=channel, lead="短导语")
    assert '<p class="card__summary">短导语</p>' in card(short, 2, rf.get("/"))


def test_an_honouree_without_a_photo_gets_the_placeholder_and_the_heading_level_asked_for(client, release):
    HonoureePageFactory(parent=release, title="李<明>", district=DistrictFactory(name="东湖区"))
    html = client.get(release.url).content.decode()
    assert 'alt="李&lt;明&gt;（暂无照片）"' in html and "photo-placeholder" in html
    assert '<h3 class="person-card__name">' in html
    assert '<span class="person-card__district">东湖区</span>' in html


def test_an_honouree_photo_is_a_responsive_picture_named_after_the_person(client, release):
    HonoureePageFactory(parent=release, title="张三", photo=ImageFactory())
    html = client.get(release.url).content.decode()
    assert 'alt="张三"' in html and 'class="honouree-photo"' in html
    img = re.search(r"<img [^>]*honouree-photo[^>]*>", html).group(0)
    assert ".fill-300x400." in img and ".fill-600x800." in img and "srcset=" in img and 'loading="lazy"' in img


def test_the_home_headlines_link_each_title_and_mark_closed_notices(client, home, channel):
    from tests.factories.portal import ChannelPageFactory

    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    home.news_channel, home.notice_channel = channel, notices
    home.save_revision().publish()
    news = ArticlePageFactory(parent=channel, title="要闻<一>", date=datetime.date(2026, 4, 5))
    past = timezone.localdate() - datetime.timedelta(days=1)
    closed = NoticePageFactory(parent=notices, title="旧通知", deadline=past, date=datetime.date(2026, 3, 9))
    open_ = NoticePageFactory(parent=notices, title="新通知", deadline=None, date=datetime.date(2026, 3, 10))
    html = client.get(home.url).content.decode()
    assert (
        f'<li class="headline-list__item"><a href="{news.url}">要闻&lt;一&gt;</a> '
        '<time class="headline-list__date" datetime="2026-04-05">04-05</time></li>'
    ) in html
    assert (
        f'<a href="{closed.url}">旧通知</a> <span class="badge badge--closed">已截止</span> '
        '<time class="headline-list__date" datetime="2026-03-09">03-09</time>'
    ) in html
    assert f'<a href="{open_.url}">新通知</a> <time' in html
    assert html.count("已截止") == 1


def test_the_carousel_shows_each_featured_picture_the_first_loaded_at_once(client, home, channel):
    for n in range(3):
        ArticlePageFactory(
            parent=channel, slug=f"f{n}", title=f"图片新闻{n}<>", featured=True, cover_image=ImageFactory()
        )
    html = client.get(home.url).content.decode()
    slides = re.findall(r'<div class="carousel__slide".*?</div>', html, re.S)
    assert len(slides) == 3
    assert [re.search(r'aria-label="([^"]+)"', s).group(1) for s in slides] == [
        f"第 {n} 张，共 3 张" for n in (1, 2, 3)
    ]
    assert 'loading="lazy"' not in slides[0] and all('loading="lazy"' in s for s in slides[1:])
    # The factory's images are small: a fill never enlarges, so the sizes are the image's own.
    for slide in slides:
        assert re.search(
            r'<source media="\(max-width: 700px\)" srcset="[^"]+\.fill-800x450\.jpg" width="\d+" height="\d+">', slide
        )
        assert re.search(
            r'<img class="carousel__image" src="[^"]+\.fill-1200x560\.jpg" width="\d+" height="\d+" alt="图片', slide
        )
        assert '<span class="carousel__title">图片新闻' in slide and "&lt;&gt;</span>" in slide


def test_the_honour_roll_lists_its_releases_newest_first_with_level_and_period(client, honour_roll):
    from portal.choices import Level
    from tests.factories.portal import ReleasePageFactory

    old = ReleasePageFactory(parent=honour_roll, title="2025年<上>", slug="old", date=datetime.date(2025, 7, 1))
    new = ReleasePageFactory(
        parent=honour_roll, title="2026年第二季度", slug="new", level=Level.PROVINCE, period_label="第二季度"
    )
    html = client.get(honour_roll.url).content.decode()
    entries = re.findall(r'<li class="release-list__item">.*?</li>', html)
    assert len(entries) == 2 and new.url in entries[0] and old.url in entries[1]
    assert entries[0] == (
        f'<li class="release-list__item"><a class="release-list__link" href="{new.url}">'
        '<span class="release-list__title">2026年第二季度</span>'
        f'<span class="release-list__meta">{Level.PROVINCE.label} · 2026年第二季度 · '
        '<time datetime="2026-07-01">2026-07-01</time></span></a></li>'
    )
    assert "2025年&lt;上&gt;" in entries[1]


def test_a_card_without_a_lead_is_summarised_from_the_body_loaded_only_for_it(channel, django_assert_num_queries):
    from portal.models import ArticlePage
    from portal.models.listing import for_cards

    ArticlePageFactory(parent=channel, slug="with-lead", lead="有导语", date=datetime.date(2026, 5, 2))
    ArticlePageFactory(
        parent=channel,
        slug="no-lead",
        lead="",
        date=datetime.date(2026, 5, 1),
        body=[("paragraph", "<p>正文第一段讲述志愿服务。</p>")],
    )
    with django_assert_num_queries(1):
        with_lead, no_lead = for_cards(ArticlePage.objects.child_of(channel)).order_by("-date")
        assert with_lead.summary == "有导语" and with_lead.card_body is None
        assert no_lead.summary == "正文第一段讲述志愿服务。"
    assert "body" not in with_lead.__dict__  # the body column was not read for the card with a lead

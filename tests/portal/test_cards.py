"""Listing cards (templates/includes/cards/) as visitors see them on channels, the honour roll and the home page."""

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from portal.choices import Level
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    DistrictFactory,
    HonoureePageFactory,
    ImageFactory,
    NoticePageFactory,
    ReleasePageFactory,
    StoryPageFactory,
)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def card_titled(page, title):
    link = page.find("a", class_="card__link", string=title)
    assert link is not None, title
    return link.find_parent("article")


def test_a_channel_lists_articles_notices_and_stories_each_with_its_card(client, channel):
    article = ArticlePageFactory(parent=channel, title="文明实践<新>进展", source="市文明办", lead="导语 & 摘要")
    NoticePageFactory(parent=channel, title="征集通知", deadline=timezone.localdate() - datetime.timedelta(days=1))
    StoryPageFactory(parent=channel, title="楼道里的灯", subject_name="王阿姨")
    page = soup(client, channel.url)
    assert len(page.select("article.card")) == 3
    # Titles and texts are shown as written, the link is the page's own.
    card = card_titled(page, "文明实践<新>进展")
    assert "card--article" in card["class"]
    assert card.find("a", class_="card__link")["href"] == article.url
    assert card.find(class_="card__meta-sep").string == "市文明办"
    assert card.find(class_="card__summary").string == "导语 & 摘要"
    assert card.find("time")["datetime"] == f"{article.date:%Y-%m-%d}"
    # A notice past its deadline says so in its heading; a story names its person and category.
    notice = card_titled(page, "征集通知")
    assert notice.find(class_="card__title").find(class_="badge--closed").string == "已截止"
    story = card_titled(page, "楼道里的灯")
    assert [text(e) for e in story.select(".card__meta > *")][:2] == ["助人为乐", "王阿姨"]


def test_an_open_notice_shows_its_deadline_and_no_closed_badge(client, channel):
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    NoticePageFactory(parent=channel, title="推荐通知", deadline=deadline)
    card = card_titled(soup(client, channel.url), "推荐通知")
    assert card.find("time", datetime=f"{deadline:%Y-%m-%d}").parent.get_text().startswith("截止")
    assert card.find(class_="badge--closed") is None


def test_long_summaries_and_deeds_are_cut_with_an_ellipsis(client, channel, release):
    ArticlePageFactory(parent=channel, title="长导语", lead="志" * 120)
    ArticlePageFactory(parent=channel, title="短导语", lead="短")
    HonoureePageFactory(parent=release, title="善人", deed="善" * 60)
    listing = soup(client, channel.url)
    summary = card_titled(listing, "长导语").find(class_="card__summary").string
    deed = card_titled(soup(client, release.url), "善人").find(class_="person-card__deed").string
    # Cut to 90 and 40 characters, the last ones an ellipsis (the Chinese translation's "...").
    assert len(summary) == 90 and summary.startswith("志" * 80) and summary.endswith("...")
    assert len(deed) == 40 and deed.startswith("善" * 30) and deed.endswith("...")
    assert card_titled(listing, "短导语").find(class_="card__summary").string == "短"


def test_an_honouree_without_a_photo_gets_the_placeholder_and_the_heading_level_asked_for(client, release):
    HonoureePageFactory(parent=release, title="李<明>", district=DistrictFactory(name="东湖区"))
    card = card_titled(soup(client, release.url), "李<明>")
    img = card.find("img")
    assert img["alt"] == "李<明>（暂无照片）" and "honouree-photo--placeholder" in img["class"]
    assert card.find(class_="person-card__name").name == "h3"
    assert card.find(class_="person-card__district").string == "东湖区"


def test_an_honouree_photo_is_a_responsive_picture_named_after_the_person(client, release):
    HonoureePageFactory(parent=release, title="张三", photo=ImageFactory())
    img = card_titled(soup(client, release.url), "张三").find("img")
    assert img["alt"] == "张三" and img["class"] == ["honouree-photo"] and img["loading"] == "lazy"
    assert ".fill-300x400." in img["src"] and ".fill-600x800." in img["srcset"]


def test_the_home_headlines_link_each_title_and_mark_closed_notices(client, home, channel):
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    home.news_channel, home.notice_channel = channel, notices
    home.save_revision().publish()
    news = ArticlePageFactory(parent=channel, title="要闻<一>", date=datetime.date(2026, 4, 5))
    past = timezone.localdate() - datetime.timedelta(days=1)
    closed = NoticePageFactory(parent=notices, title="旧通知", deadline=past, date=datetime.date(2026, 3, 9))
    NoticePageFactory(parent=notices, title="新通知", deadline=None, date=datetime.date(2026, 3, 10))
    page = soup(client, home.url)
    lines = {line.a.string: line for line in page.select("li.headline-list__item")}
    assert lines["要闻<一>"].a["href"] == news.url
    assert lines["要闻<一>"].time["datetime"] == "2026-04-05" and lines["要闻<一>"].time.string == "04-05"
    assert lines["旧通知"].a["href"] == closed.url and lines["旧通知"].find(class_="badge--closed")
    assert lines["新通知"].find(class_="badge--closed") is None
    assert text(page).count("已截止") == 1


def test_the_carousel_shows_each_featured_picture_the_first_loaded_at_once(client, home, channel):
    for n in range(3):
        ArticlePageFactory(
            parent=channel, slug=f"f{n}", title=f"图片新闻{n}<>", featured=True, cover_image=ImageFactory()
        )
    slides = soup(client, home.url).select(".carousel__slide")
    assert [slide["aria-label"] for slide in slides] == [f"第 {n} 张，共 3 张" for n in (1, 2, 3)]
    assert not slides[0].img.has_attr("loading") and all(s.img["loading"] == "lazy" for s in slides[1:])
    for slide in slides:
        # The factory's images are small: a fill never enlarges, so the sizes are the image's own.
        source, img = slide.picture.source, slide.picture.img
        assert source["media"] == "(max-width: 700px)" and source["srcset"].endswith(".fill-800x450.jpg")
        assert "carousel__image" in img["class"] and img["src"].endswith(".fill-1200x560.jpg") and img["width"]
        assert slide.find(class_="carousel__title").string.startswith("图片新闻")
        assert slide.find(class_="carousel__title").string.endswith("<>")


def test_the_honour_roll_lists_its_releases_newest_first_with_level_and_period(client, honour_roll):
    old = ReleasePageFactory(parent=honour_roll, title="2025年<上>", slug="old", date=datetime.date(2025, 7, 1))
    new = ReleasePageFactory(
        parent=honour_roll, title="2026年第二季度", slug="new", level=Level.PROVINCE, period_label="第二季度"
    )
    entries = soup(client, honour_roll.url).select("li.release-list__item")
    assert [entry.a["href"] for entry in entries] == [new.url, old.url]
    assert entries[0].find(class_="release-list__title").string == "2026年第二季度"
    assert text(entries[0].find(class_="release-list__meta")) == f"{Level.PROVINCE.label} · 2026年第二季度 · 2026-07-01"
    assert entries[0].time["datetime"] == "2026-07-01"
    assert entries[1].find(class_="release-list__title").string == "2025年<上>"


def test_a_card_without_a_lead_is_summarised_from_the_body_loaded_only_for_it(channel, django_assert_num_queries):
    from portal.models import ArticlePage

    ArticlePageFactory(parent=channel, slug="with-lead", lead="有导语", date=datetime.date(2026, 5, 2))
    ArticlePageFactory(
        parent=channel,
        slug="no-lead",
        lead="",
        date=datetime.date(2026, 5, 1),
        body=[("paragraph", "<p>正文第一段讲述志愿服务。</p>")],
    )
    with django_assert_num_queries(1):
        with_lead, no_lead = ArticlePage.objects.child_of(channel).for_cards().order_by("-date")
        assert with_lead.summary == "有导语" and with_lead.card_body is None
        assert no_lead.summary == "正文第一段讲述志愿服务。"
    assert "body" in with_lead.get_deferred_fields()  # the body column was not read for the card with a lead

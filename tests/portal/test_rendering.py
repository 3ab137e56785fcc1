"""Every page type renders for the public with the fields a visitor expects."""

import datetime
import re

import pytest

from portal.choices import Category, Level
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    DistrictFactory,
    DocumentFactory,
    HonoureePageFactory,
    HonourHeldFactory,
    ImageFactory,
    MenuItemFactory,
    NoticeAttachmentFactory,
    NoticePageFactory,
    StoryPageFactory,
    TopicPageFactory,
)


@pytest.fixture
def district():
    return DistrictFactory(name="河西区")


@pytest.fixture
def article(channel):
    return ArticlePageFactory(
        parent=channel,
        title="全市志愿服务推进会召开",
        lead="会议部署下一阶段志愿服务工作。",
        source="清河日报",
        author="记者 王磊",
        editor_in_charge="陈静",
        cover_image=ImageFactory(title="会议现场"),
        body=[
            ("heading", "会议要点"),
            ("paragraph", "<p>会议强调要把志愿服务做实做细。</p>"),
            ("quote", {"text": "赠人玫瑰，手有余香。", "attribution": "俗语"}),
            ("image", {"image": ImageFactory(title="合影"), "alt": "志愿者合影", "caption": "志愿者代表合影"}),
        ],
    )


def get(client, page, suffix=""):
    response = client.get(page.url + suffix)
    assert response.status_code == 200, page.url + suffix
    return response.content.decode()


def test_article_page(client, article, channel):
    html = get(client, article)
    for text in ["全市志愿服务推进会召开", "清河日报", "记者 王磊", "陈静", "会议要点", "赠人玫瑰", "志愿者代表合影"]:
        assert text in html, text
    assert 'alt="志愿者合影"' in html
    assert 'loading="lazy"' in html and "srcset=" in html
    assert '<meta property="og:title"' in html and '<meta property="og:image"' in html
    assert "<svg" in html, "QR code for sharing"
    assert f'href="{channel.url}"' in html, "breadcrumb back to the channel"


def test_channel_page_lists_newest_first_and_links_feed(client, channel):
    ArticlePageFactory(parent=channel, title="较早的文章", date=datetime.date(2025, 1, 1))
    ArticlePageFactory(parent=channel, title="最新的文章", date=datetime.date(2026, 6, 1))
    html = get(client, channel)
    assert html.index("最新的文章") < html.index("较早的文章")
    assert 'type="application/rss+xml"' in html
    feed = client.get(channel.url + "feed/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    assert "最新的文章" in feed.content.decode()


def test_nested_channel_lists_subchannel_content(client, channel):
    sub = ChannelPageFactory(parent=channel, title="河西区", slug="hexi")
    ArticlePageFactory(parent=sub, title="河西区开展文明交通劝导")
    html = get(client, channel)
    assert "河西区开展文明交通劝导" in html and sub.url in html


def test_channel_pagination(client, channel):
    channel.per_page = 5
    channel.save()
    for i in range(7):
        ArticlePageFactory(parent=channel, title=f"第{i}条消息", date=datetime.date(2026, 1, 1 + i))
    first, second = get(client, channel), get(client, channel, "?page=2")
    assert "第6条消息" in first and "第1条消息" not in first
    assert "第1条消息" in second
    assert get(client, channel, "?page=999")  # out of range falls back to the last page
    assert get(client, channel, "?page=abc")


def test_notice_page_attachments_and_print_view(client, home):
    notices = ChannelPageFactory(parent=home, title="通知公告", slug="notices")
    notice = NoticePageFactory(
        parent=notices,
        title="关于推荐第四季度好人的通知",
        document_number="清文明办〔2026〕31号",
        issuer="市文明办",
        deadline=datetime.date(2020, 1, 1),
    )
    NoticeAttachmentFactory(notice=notice, title="推荐表", document=DocumentFactory(title="推荐表"))
    html = get(client, notice)
    for text in ["清文明办〔2026〕31号", "市文明办", "推荐表", "PDF", "已截止"]:
        assert text in html, text
    printable = get(client, notice, "print/")
    assert "清文明办〔2026〕31号" in printable and "site-nav" not in printable


def test_story_and_topic_pages(client, home, district):
    stories = ChannelPageFactory(parent=home, title="身边故事", slug="stories")
    story = StoryPageFactory(
        parent=stories,
        title="楼道里的爱心书架",
        subject_name="李春华",
        unit="新华社区",
        district=district,
        category=Category.DEDICATION,
    )
    html = get(client, story)
    assert "李春华" in html and "敬业奉献" in html and "河西区" in html
    topic = TopicPageFactory(
        parent=home,
        title="我们的节日·春节",
        sections=[("section", {"title": "节日故事", "intro": "", "pages": [story]})],
    )
    html = get(client, topic)
    assert "节日故事" in html and story.url in html


def test_honour_roll_release_and_profile(client, honour_roll, release, district):
    person = HonoureePageFactory(
        parent=release,
        title="张秀兰",
        category=Category.FILIAL_LOVE,
        district=district,
        unit="退休工人",
        deed="三十年照料瘫痪婆婆",
        photo=ImageFactory(title="张秀兰"),
    )
    HonourHeldFactory(honouree=person, name="河东好人", level=Level.PROVINCE, date=datetime.date(2026, 8, 1))
    HonoureePageFactory(parent=release, title="刘志刚", category=Category.BRAVERY)

    roll = get(client, honour_roll)
    assert "张秀兰" in roll and "刘志刚" in roll and release.title in roll
    filtered = get(client, honour_roll, "?category=bravery")
    assert "刘志刚" in filtered and "张秀兰" not in filtered
    by_district = get(client, honour_roll, f"?district={district.pk}")
    assert "张秀兰" in by_district and "刘志刚" not in by_district
    assert "张秀兰" not in get(client, honour_roll, "?year=2019")
    assert "张秀兰" in get(client, honour_roll, "?level=city&year=2026")
    assert get(client, honour_roll, "?category=<script>&district=x&year=abc")  # junk filters are ignored

    rel = get(client, release, "?category=filial_love")
    assert "张秀兰" in rel and "刘志刚" not in rel

    profile = get(client, person)
    for text in ["张秀兰", "孝老爱亲", "河西区", "退休工人", "三十年照料瘫痪婆婆", "河东好人", "省级"]:
        assert text in profile, text


def test_home_page_gathers_the_latest(client, home, channel, release):
    home.news_channel = channel
    home.save_revision().publish()
    ArticlePageFactory(parent=channel, title="图片新闻标题", featured=True, cover_image=ImageFactory())
    HonoureePageFactory(parent=release, title="首页好人")
    html = get(client, home)
    assert "图片新闻标题" in html and "首页好人" in html and channel.title in html


def test_menus_and_footer_come_from_the_admin(client, home, channel):
    from portal.models import SiteSettings

    MenuItemFactory(label="要闻栏目", link_page=channel)
    settings = SiteSettings.for_site(home.get_site())
    settings.office_name, settings.icp_number, settings.phone = "清河市文明办", "河东ICP备00000000号", "0123-1234567"
    settings.save()
    html = get(client, home)
    assert "要闻栏目" in html and "河东ICP备00000000号" in html and "0123-1234567" in html


def test_sitemap_and_404(client, article):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and article.url in sitemap.content.decode()
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "页面" in missing.content.decode()


def test_draft_pages_are_not_public(client, article):
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_the_pager_shows_the_ends_and_the_pages_around_the_current_one(client, channel):
    channel.per_page = 1
    channel.save()
    for i in range(12):
        ArticlePageFactory(parent=channel, title=f"第{i}条消息", date=datetime.date(2026, 1, 1 + i))
    html = get(client, channel, "?page=6")
    shown = [int(n) for n in re.findall(r'aria-label="第 (\d+) 页"', html)]
    assert shown == [1, 4, 5, 6, 7, 8, 12]
    assert html.count("pagination__gap") == 2 and 'aria-current="page" aria-label="第 6 页"' in html
    assert "第 6 / 12 页" in html

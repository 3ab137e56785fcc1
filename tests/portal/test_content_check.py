"""The content check finds configured words and common mistakes with their positions, and reports them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.choices import CheckLevel
from portal.content_check import check_fields, check_page, check_text
from portal.groups import EDITORS
from portal.models import CommonMistake, ContentFinding, WordRule
from tests.factories.portal import ArticlePageFactory, TopicPageFactory


@pytest.fixture
def rules(db):
    WordRule.objects.create(word="网络赌博", level=CheckLevel.FORBIDDEN, note="违法内容")
    WordRule.objects.create(word="最佳", level=CheckLevel.NOTICE, note="绝对化用语")
    WordRule.objects.create(word="停用词", level=CheckLevel.FORBIDDEN, active=False)
    CommonMistake.objects.create(wrong="再接再励", right="再接再厉")
    CommonMistake.objects.create(wrong="精神文明建设委员会", right="精神文明建设指导委员会", note="机构全称")


def positions(findings):
    return [(f.path, f.location, f.offset, f.text, f.level, f.suggestion) for f in findings]


@pytest.mark.django_db
def test_findings_in_title_rich_text_and_stream_blocks(channel, rules):
    page = ArticlePageFactory(
        parent=channel,
        title="评选最佳志愿者",
        lead="市精神文明建设委员会发布。",
        body=[
            ("heading", "再接再励"),
            # A word split by markup is still found; offsets count the characters a reader sees.
            ("paragraph", "<p>请大家&amp;家人远离<b>网络</b>赌博。</p><p>停用词不算。最</p><p>佳</p>"),
            ("quote", {"text": "最佳的回答是行动", "attribution": "网络赌博受害者"}),
        ],
    )
    assert positions(check_page(page)) == [
        ("title", "标题", 2, "最佳", CheckLevel.NOTICE, ""),
        ("lead", "导语", 1, "精神文明建设委员会", CheckLevel.NOTICE, "精神文明建设指导委员会"),
        ("body.0", "正文 › 第1块（小标题）", 0, "再接再励", CheckLevel.NOTICE, "再接再厉"),
        ("body.1", "正文 › 第2块（正文）", 8, "网络赌博", CheckLevel.FORBIDDEN, ""),
        ("body.2.text", "正文 › 第3块（引用） › 引文", 0, "最佳", CheckLevel.NOTICE, ""),
        ("body.2.attribution", "正文 › 第3块（引用） › 出处", 0, "网络赌博", CheckLevel.FORBIDDEN, ""),
    ]


@pytest.mark.django_db
def test_findings_inside_nested_struct_blocks(home, rules):
    topic = TopicPageFactory(
        parent=home, sections=[("section", {"title": "专题", "intro": "再接再励，争创佳绩", "pages": []})]
    )
    [finding] = check_page(topic)
    assert (finding.path, finding.location, finding.offset) == (
        "sections.0.intro",
        "专题板块 › 第1块（专题板块） › 板块说明",
        0,
    )
    assert finding.describe() == "专题板块 › 第1块（专题板块） › 板块说明第1字：“再接再励”，应为“再接再厉”"


@pytest.mark.django_db
def test_the_same_check_serves_comments_and_forms(rules):
    [finding] = check_text("支持！不要网络赌博", path="comment", location="评议留言")
    assert finding.as_dict() == {
        "path": "comment",
        "location": "评议留言",
        "offset": 5,
        "text": "网络赌博",
        "level": "forbidden",
        "level_label": "禁止",
        "note": "违法内容",
        "suggestion": "",
    }
    found = check_fields({"name": "张三", "story": "他再接再励"}, labels={"story": "事迹"})
    assert positions(found) == [("story", "事迹", 1, "再接再励", CheckLevel.NOTICE, "再接再厉")]
    assert check_text("没有问题的文字") == []


@pytest.mark.django_db
def test_saving_a_revision_updates_the_report(client, channel, rules):
    page = ArticlePageFactory(parent=channel, title="通知", body=[("paragraph", "<p>活动顺利。</p>")])
    page.save_revision()
    assert not ContentFinding.objects.filter(page=page).exists()

    page.body = [("paragraph", "<p>请再接再励，远离网络赌博。</p>")]
    page.save_revision()
    assert list(ContentFinding.objects.filter(page=page).values_list("text", "offset", "level")) == [
        ("网络赌博", 8, "forbidden"),
        ("再接再励", 1, "notice"),
    ]

    editor = get_user_model().objects.create_user("editor", password="editor123456")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = client.get(reverse("portal_reports:content_findings"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "内容检查" in text and "通知" in text and "网络赌博" in text and "再接再厉" in text
    forbidden_only = client.get(reverse("portal_reports:content_findings"), {"level": "forbidden"}).content.decode()
    assert "网络赌博" in forbidden_only and "再接再励" not in forbidden_only

    page.body = [("paragraph", "<p>活动顺利。</p>")]
    page.save_revision()
    assert not ContentFinding.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_word_lists_are_snippets_in_the_admin(client, rules):
    admin = get_user_model().objects.create_superuser("admin", password="admin123456")
    client.force_login(admin)
    text = client.get(reverse("wagtailsnippets_portal_wordrule:list")).content.decode()
    assert "敏感词" in text and "网络赌博" in text
    text = client.get(reverse("wagtailsnippets_portal_commonmistake:list")).content.decode()
    assert "易错词" in text and "精神文明建设指导委员会" in text


@pytest.mark.django_db
def test_reports_are_in_the_reports_menu(rf):
    from wagtail.admin.menu import reports_menu

    request = rf.get("/admin/")
    request.user = get_user_model().objects.create_superuser("admin", password="admin123456")
    items = {str(item.label): item.url for item in reports_menu.menu_items_for_request(request)}
    assert items["内容检查"] == reverse("portal_reports:content_findings")
    assert items["失效链接"] == reverse("portal_reports:broken_links")

"""Comments on candidates (评议留言): moderated before display, sensitive words, reports, admin moderation."""

import pytest

from evaluation.guards import captcha, throttle
from evaluation.models import Comment, CommentStatus
from evaluation.services import comments
from portal.choices import CheckLevel
from portal.models import WordRule

from .conftest import ORIGIN, action_url


@pytest.fixture
def wang(named_candidates):
    return named_candidates["wang"]


@pytest.fixture
def page_url(voting_page, wang):
    return f"{voting_page.url}candidates/{wang.pk}/"


@pytest.fixture
def comment_url(voting_page, wang):
    return action_url(voting_page, "comment", wang.pk)


def post_comment(client, page_url, body, name="", follow=False):
    """Fill in the form on the candidate page, then answer the captcha the next page asks for."""
    form = client.get(page_url).content.decode().split('class="comment-form"')[1]
    comment_url = form.split('action="')[1].split('"')[0]
    first = client.post(comment_url, {"body": body, "display_name": name}, HTTP_ORIGIN=ORIGIN)
    assert first.status_code == 200 and "请输入图片中的验证码后提交" in first.content.decode()
    assert first["Cache-Control"] == "private, no-store"
    token = first.context["captcha_token"]
    data = {"body": body, "display_name": name, "captcha_key": token, "captcha_answer": captcha.answer_for(token)}
    return client.post(comment_url, data, HTTP_ORIGIN=ORIGIN, follow=follow)


def test_comment_is_shown_only_after_a_moderator_approves_it(client, page_url, comment_url, staff, wang):
    first = client.post(comment_url, {"body": "向王阿姨学习！", "display_name": "老邻居"}, HTTP_ORIGIN=ORIGIN)
    assert "向王阿姨学习！" in first.content.decode(), "what was typed is kept while the captcha is asked"

    done = post_comment(client, page_url, "向王阿姨学习！", "老邻居", follow=True)
    assert "审核通过后将显示" in done.content.decode()
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.display_name == "老邻居"
    assert comment.address_hash and "127.0.0.1" not in comment.address_hash
    assert "向王阿姨学习！" not in client.get(page_url).content.decode()

    comments.moderate([comment], approve=True, user=staff["city_staff"])
    page = client.get(page_url).content.decode()
    assert "向王阿姨学习！" in page and "老邻居" in page


def test_markup_is_stripped_and_an_empty_name_reads_as_netizen(client, page_url, staff):
    post_comment(client, page_url, "<b>真正的好人</b><script>alert(1)</script>")
    comment = Comment.objects.get()
    assert comment.body == "真正的好人alert(1)" and comment.display_name == "网友"
    comments.moderate([comment], approve=True, user=staff["city_staff"])
    page = client.get(page_url).content.decode()
    assert "<b>真正的好人" not in page and "网友" in page


def test_overlong_comments_are_refused(client, comment_url):
    response = client.post(comment_url, {"body": "好" * 301}, HTTP_ORIGIN=ORIGIN)
    assert "300" in response.content.decode()
    assert Comment.objects.count() == 0


def test_blocked_word_refuses_and_flagged_word_holds_for_the_moderator(client, page_url):
    WordRule.objects.create(word="代投", level=CheckLevel.FORBIDDEN)
    WordRule.objects.create(word="红包", level=CheckLevel.NOTICE)

    refused = post_comment(client, page_url, "需要代投的联系我")
    assert refused.status_code == 200
    assert "留言含有不允许发布的内容" in refused.content.decode()
    assert Comment.objects.count() == 0

    post_comment(client, page_url, "他把捡到的红包还给了失主")
    held = Comment.objects.get()
    assert held.status == CommentStatus.PENDING and held.finding == "红包"


def test_reports_send_an_approved_comment_back_to_moderation(client, page_url, voting_page, wang, settings):
    settings.COMMENT_REPORT_THRESHOLD = 2
    comment = Comment.objects.create(candidate=wang, body="一条正常的留言", status=CommentStatus.APPROVED)
    page = client.get(page_url).content.decode()
    report_url = action_url(voting_page, "report", comment.pk)
    assert f'action="{report_url}"' in page and "举报" in page

    thanks = client.post(report_url, HTTP_ORIGIN=ORIGIN, follow=True)
    assert "感谢您的举报" in thanks.content.decode()
    comment.refresh_from_db()
    assert comment.report_count == 1 and comment.status == CommentStatus.APPROVED
    client.post(report_url, HTTP_ORIGIN=ORIGIN)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REPORTED
    assert "一条正常的留言" not in client.get(page_url).content.decode()
    assert client.post(report_url, HTTP_ORIGIN=ORIGIN).status_code == 404, "only shown comments can be reported"
    assert client.post(report_url, HTTP_ORIGIN="https://evil.example").status_code == 404


def test_reports_from_other_sites_are_refused(client, page_url, wang, voting_page):
    comment = Comment.objects.create(candidate=wang, body="一条正常的留言", status=CommentStatus.APPROVED)
    url = action_url(voting_page, "report", comment.pk)
    assert client.post(url, HTTP_ORIGIN="https://evil.example").status_code == 403
    comment.refresh_from_db()
    assert comment.report_count == 0


def test_comments_are_rate_limited(client, page_url, comment_url, monkeypatch):
    monkeypatch.setitem(throttle.LIMITS, "comment", (2, 600))
    post_comment(client, page_url, "第一条留言")
    token = captcha.new_challenge()
    data = {"body": "第二条留言", "captcha_key": token, "captcha_answer": captcha.answer_for(token)}
    response = client.post(comment_url, data, HTTP_ORIGIN=ORIGIN)
    assert throttle.MESSAGE in response.content.decode()
    assert Comment.objects.count() == 1


def test_staff_moderate_in_bulk_in_the_admin(client, staff, wang, voting_campaign):
    WordRule.objects.create(word="红包", level=CheckLevel.NOTICE)
    first = Comment.objects.create(candidate=wang, body="第一条待审留言", finding="红包")
    second = Comment.objects.create(candidate=wang, body="第二条待审留言")
    third = Comment.objects.create(candidate=wang, body="第三条已通过留言", status=CommentStatus.APPROVED)

    client.force_login(staff["city_staff"])
    listing = client.get("/admin/snippets/evaluation/comment/", {"status": "pending"})
    content = listing.content.decode()
    assert listing.status_code == 200
    assert "第一条待审留言" in content and "第二条待审留言" in content and "第三条已通过留言" not in content
    assert "审核通过" in content and "红包" in content
    by_campaign = client.get("/admin/snippets/evaluation/comment/", {"candidate__campaign": voting_campaign.pk})
    assert "第三条已通过留言" in by_campaign.content.decode()

    url = f"/admin/bulk/evaluation/comment/approve_comments/?id={first.pk}&id={second.pk}"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "确定将以下 2 条留言" in confirm.content.decode()
    client.post(url)
    statuses = set(Comment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True))
    assert statuses == {CommentStatus.APPROVED}

    client.post(f"/admin/bulk/evaluation/comment/reject_comments/?id={third.pk}")
    third.refresh_from_db()
    assert third.status == CommentStatus.REJECTED and third.moderated_by == staff["city_staff"]


def test_reviewers_cannot_moderate(client, staff, wang):
    comment = Comment.objects.create(candidate=wang, body="待审留言")
    client.force_login(staff["hexi_reviewer"])
    assert client.get("/admin/snippets/evaluation/comment/").status_code in (302, 403)
    client.post(f"/admin/bulk/evaluation/comment/approve_comments/?id={comment.pk}")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

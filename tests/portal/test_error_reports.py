"""我要纠错: visitors report a mistake on a page; bad input is refused; staff answer in the admin."""

import datetime
import re

import pytest
from django.utils import timezone

from portal import captcha, error_reports
from portal.models import ErrorReport, ErrorReportStatus
from tests.factories.portal import ArticlePageFactory

pytestmark = pytest.mark.django_db


def open_form(client, page="/news/a/"):
    response = client.get("/jiucuo/", {"page": page})
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'name="captcha_key" value="([^"]+)"', html).group(1)
    return html, token


def submit(client, token, answer=None, address="127.0.0.1", **fields):
    data = {
        "page_url": "/news/a/",
        "description": "第二段的日期写错了，应为3月5日。",
        "contact": "",
        "captcha_key": token,
        "captcha_answer": captcha.answer_for(token) if answer is None else answer,
    }
    data.update(fields)
    return client.post("/jiucuo/", data, REMOTE_ADDR=address)


def test_every_page_links_to_the_report_form_with_its_address(client, channel):
    article = ArticlePageFactory(parent=channel, title="全市志愿服务推进会召开", slug="meeting")
    html = client.get(article.url).content.decode()
    assert 'href="/jiucuo/?page=/news/meeting/"' in html and "我要纠错" in html

    form_html, _ = open_form(client, "/news/meeting/")
    assert 'value="/news/meeting/"' in form_html, "the page address is filled in"
    assert '<img class="captcha" src="/jiucuo/captcha/' in form_html


def test_a_report_is_filed_with_markup_stripped(client, home):
    _, token = open_form(client)
    response = submit(
        client,
        token,
        description="<p>标题里<b>“文明办”</b>写成了“文明半”<script>alert(1)</script></p>",
        contact="<i>13800000000</i>",
    )
    assert response.status_code == 200 and "感谢您的反馈" in response.content.decode()
    report = ErrorReport.objects.get()
    assert report.page_url == "/news/a/"
    assert "<" not in report.description and "“文明办”" in report.description
    assert report.contact == "13800000000"
    assert report.status == ErrorReportStatus.NEW and report.replied_at is None


@pytest.mark.parametrize(
    ("fields", "answer", "message"),
    [
        ({"description": ""}, None, "请填写问题描述"),
        ({"page_url": ""}, None, "请填写页面地址"),
        ({}, "", "请输入验证码"),
        ({"description": "<b><i></i></b>"}, None, "问题描述至少5个字"),
        ({"description": "<p>错字</p>"}, None, "问题描述至少5个字"),
        ({"description": "错" * 1001}, None, "问题描述不能超过1000个字"),
        ({"page_url": "https://evil.example.com/x"}, None, "请填写本站页面的地址"),
        ({"page_url": "//evil.example.com/x"}, None, "请填写本站页面的地址"),
        ({"page_url": "javascript:alert(1)"}, None, "请填写本站页面的地址"),
        ({}, "0000", "验证码不正确或已过期"),
        ({"captcha_key": "no-such-key"}, "1234", "验证码不正确或已过期"),
    ],
)
def test_bad_reports_are_refused_with_a_chinese_message(client, home, fields, answer, message):
    _, token = open_form(client)
    response = submit(client, token, answer=answer, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "提交未成功" in html
    assert not ErrorReport.objects.exists()
    fresh = re.search(r'name="captcha_key" value="([^"]+)"', html).group(1)
    assert fresh != token, "a new captcha is issued with the refused form"


def test_a_captcha_is_good_for_one_report_only(client, home):
    _, token = open_form(client)
    answer = captcha.answer_for(token)
    assert submit(client, token, answer=answer).status_code == 200
    again = submit(client, token, answer=answer, description="同一个验证码再提交一次。")
    assert again.status_code == 400 and "验证码不正确或已过期" in again.content.decode()
    assert ErrorReport.objects.count() == 1


def test_reports_are_rate_limited_per_visitor(client, home, monkeypatch):
    monkeypatch.setattr(error_reports, "SUBMIT_LIMIT", (2, 3600))
    for _ in range(2):
        _, token = open_form(client)
        assert submit(client, token).status_code == 200
    _, token = open_form(client)
    refused = submit(client, token)
    assert refused.status_code == 429 and "操作过于频繁" in refused.content.decode()
    assert ErrorReport.objects.count() == 2
    # Another visitor is not held back.
    token = captcha.new_challenge()
    assert submit(client, token, address="203.0.113.9").status_code == 200


def test_the_captcha_image_is_served_once_issued(client, home):
    _, token = open_form(client)
    image = client.get(f"/jiucuo/captcha/{token}.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert client.get("/jiucuo/captcha/unknown.png").status_code == 404


def test_staff_answer_reports_and_see_counts_and_response_time(client, admin_user, home):
    now = timezone.now()
    answered = ErrorReport.objects.create(page_url="/a/", description="日期有误，请更正。")
    ErrorReport.objects.filter(pk=answered.pk).update(created_at=now - datetime.timedelta(hours=5))
    ErrorReport.objects.create(page_url="/b/", description="图片说明里的人名写错了。")
    client.force_login(admin_user)

    answered.refresh_from_db()
    edit = client.post(
        f"/admin/error_reports/edit/{answered.pk}/",
        {"assignee": admin_user.pk, "status": ErrorReportStatus.RESOLVED, "reply": "已更正，谢谢。"},
    )
    assert edit.status_code == 302, edit.content.decode()[:2000]
    answered.refresh_from_db()
    assert answered.status == ErrorReportStatus.RESOLVED and answered.assignee == admin_user
    assert answered.replied_at is not None and answered.reply == "已更正，谢谢。"
    assert answered.page_url == "/a/" and answered.description == "日期有误，请更正。", "the visitor's text is kept"

    listing = client.get("/admin/error_reports/").content.decode()
    assert "纠错报告" in listing and "/b/" in listing
    summary = re.sub(r"\s+", "", listing[listing.index("报告总数") :])
    assert "报告总数</dt><dd>2" in summary
    assert "待处理</dt><dd>1" in summary and "已处理</dt><dd>1" in summary
    assert "平均响应时间</dt><dd>5小时0分钟" in summary

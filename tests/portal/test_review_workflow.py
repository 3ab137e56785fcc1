"""三审: an editor's page passes 初审 → 复审 → 终审 and is published; 禁止 words never reach publication."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.choices import CheckLevel
from portal.groups import EDITORS
from portal.models import ArticlePage, CommonMistake, WordRule

STEPS = ["初审", "复审", "终审"]


@pytest.fixture
def rules(db):
    WordRule.objects.create(word="网络赌博", level=CheckLevel.FORBIDDEN, note="违法内容")
    CommonMistake.objects.create(wrong="再接再励", right="再接再厉")


@pytest.fixture
def users(db):
    make = get_user_model().objects.create_user
    people = {"editor": make("editor", password="editor123456")}
    people["editor"].groups.add(Group.objects.get(name=EDITORS))
    for step in STEPS:
        people[step] = make(f"reviewer_{step}", password="demo123456")
        people[step].groups.add(Group.objects.get(name=step))
    people["admin"] = get_user_model().objects.create_superuser("admin", password="admin123456")
    return people


def article_data(title, body_html, slug="review-article", **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "date": "2026-06-01",
            "source": "",
            "author": "",
            "editor_in_charge": "",
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def create_as(client, user, parent, data):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_pages:add", args=["portal", "articlepage", parent.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug=data["slug"])


def approve_as(client, user, page):
    client.force_login(user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def current_step(page):
    page.refresh_from_db()
    task = page.current_workflow_task
    return task.name if task else None


@pytest.mark.django_db
def test_every_page_below_home_goes_through_the_three_steps(home):
    workflow = home.get_workflow()
    assert [task.name for task in workflow.tasks] == ["初审（栏目编辑）", "复审（办公室负责人）", "终审（分管领导）"]
    assert [set(task.specific.groups.values_list("name", flat=True)) for task in workflow.tasks] == [{s} for s in STEPS]


@pytest.mark.django_db
def test_editor_page_passes_three_steps_and_is_published(client, channel, users, rules):
    page = create_as(client, users["editor"], channel, article_data("社区志愿服务再出发", "<p>志愿者走进社区。</p>"))
    assert not page.live

    # The editor's 发布 button is not honoured: the page stays a draft.
    client.force_login(users["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_data("社区志愿服务再出发", "<p>志愿者走进社区。</p>", **{"action-publish": "发布"}),
    )
    page.refresh_from_db()
    assert not page.live

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_data("社区志愿服务再出发", "<p>志愿者走进社区。</p>", **{"action-submit": "提交"}),
    )
    assert response.status_code == 302
    assert current_step(page).startswith("初审")

    # A later step's reviewer cannot approve an earlier step.
    approve_as(client, users["终审"], page)
    assert current_step(page).startswith("初审")

    assert approve_as(client, users["初审"], page).status_code == 302
    assert current_step(page).startswith("复审")
    assert not Page.objects.get(pk=page.pk).live
    assert approve_as(client, users["复审"], page).status_code == 302
    assert current_step(page).startswith("终审")
    assert not Page.objects.get(pk=page.pk).live
    assert approve_as(client, users["终审"], page).status_code == 302

    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_reviewers_see_the_findings_with_their_positions(client, channel, users, rules):
    page = create_as(
        client,
        users["editor"],
        channel,
        article_data("表彰大会", "<p>希望大家再接再励。</p>", **{"action-submit": "提交"}),
    )
    client.force_login(users["初审"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    text = response.content.decode()
    assert "内容检查（提示" in text
    assert "正文 › 第1块（正文）第5字：“再接再励”，应为“再接再厉”" in text


@pytest.mark.django_db
def test_the_approval_dialog_lists_the_findings(client, channel, users, rules):
    page = create_as(
        client,
        users["editor"],
        channel,
        article_data("表彰大会", "<p>希望大家再接再励。</p>", **{"action-submit": "提交"}),
    )
    client.force_login(users["初审"])
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    html = client.get(url).json()["html"]
    assert "内容检查" in html and "提示" in html and "正文 › 第1块（正文）第5字：“再接再励”，应为“再接再厉”" in html


@pytest.mark.django_db
def test_page_with_forbidden_word_cannot_be_approved_or_published(client, channel, users, rules):
    page = create_as(
        client,
        users["editor"],
        channel,
        article_data("提醒", "<p>远离网络赌博。</p>", **{"action-submit": "提交"}),
    )
    client.force_login(users["初审"])
    text = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "内容检查（禁止" in text and "正文 › 第1块（正文）第3字：“网络赌博”" in text
    # No approve action is offered, and posting one is refused.
    approve_as(client, users["初审"], page)
    assert current_step(page).startswith("初审")
    assert not Page.objects.get(pk=page.pk).live

    # The superuser's direct 发布 is refused too; the content is kept as a draft.
    client.force_login(users["admin"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_data("提醒", "<p>远离网络赌博！</p>", **{"action-publish": "发布"}),
        follow=True,
    )
    page.refresh_from_db()
    assert not page.live
    assert "不能发布" in response.content.decode() and "“网络赌博”" in response.content.decode()
    assert "远离网络赌博！" in page.get_latest_revision_as_object().body[0].value.source


@pytest.mark.django_db
def test_forbidden_word_added_while_approving_sends_the_page_back(client, channel, users, rules):
    page = create_as(
        client,
        users["editor"],
        channel,
        article_data("节日活动", "<p>欢度佳节。</p>", **{"action-submit": "提交"}),
    )
    for step in ("初审", "复审"):
        assert approve_as(client, users[step], page).status_code == 302
    client.force_login(users["终审"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_data(
            "节日活动",
            "<p>欢度佳节，远离网络赌博。</p>",
            **{"action-workflow-action": "true", "workflow-action-name": "approve"},
        ),
    )
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "网络赌博" in state.current_task_state.comment


@pytest.mark.django_db
def test_admin_publishes_clean_page_directly(client, channel, users, rules):
    page = create_as(client, users["admin"], channel, article_data("通知", "<p>请再接再励。</p>"))
    client.force_login(users["admin"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_data("通知", "<p>请再接再励。</p>", **{"action-publish": "发布"}),
    )
    page.refresh_from_db()
    assert page.live  # 提示 findings never block


@pytest.mark.django_db
def test_demo_has_one_account_per_step_and_an_editor_who_cannot_publish(home):
    from portal.demo.review import create_rules
    from portal.demo.site import create_accounts

    users, _created = create_accounts()
    create_rules()
    assert {name: list(users[name].groups.values_list("name", flat=True)) for name in users} == {
        "admin": [],
        "editor": [EDITORS],
        "reviewer_first": ["初审"],
        "reviewer_second": ["复审"],
        "reviewer_final": ["终审"],
    }
    for name in ("editor", "reviewer_first", "reviewer_second", "reviewer_final"):
        permissions = home.permissions_for_user(users[name])
        assert not permissions.can_publish(), name
    assert home.permissions_for_user(users["editor"]).can_submit_for_moderation()
    assert users["reviewer_first"].check_password("demo123456")
    assert WordRule.objects.filter(level=CheckLevel.FORBIDDEN).exists()
    assert CommonMistake.objects.filter(wrong="精神文明建设委员会").exists()


@pytest.mark.django_db
def test_bulk_publish_refuses_pages_with_forbidden_words(client, channel, users, rules):
    clean = create_as(client, users["admin"], channel, article_data("活动", "<p>欢度佳节。</p>", slug="clean"))
    dirty = create_as(client, users["admin"], channel, article_data("提醒", "<p>远离网络赌博。</p>", slug="dirty"))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    query = f"?id={clean.pk}&id={dirty.pk}&next=/admin/"
    response = client.post(url + query, {"include_descendants": ""}, follow=True)
    assert "未发布任何页面" in response.content.decode() and "《提醒》" in response.content.decode()
    clean.refresh_from_db()
    dirty.refresh_from_db()
    assert not clean.live and not dirty.live

    client.post(f"{url}?id={clean.pk}&next=/admin/", {"include_descendants": ""})
    clean.refresh_from_db()
    assert clean.live

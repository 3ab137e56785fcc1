"""Every role's main admin screens read in Chinese: no leftover English UI text (issue 12)."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from evaluation.services import intake, review
from evaluation.workflows.nomination import Action
from portal.groups import EDITORS, MODERATORS
from tests.english import english_in
from tests.factories.evaluation import nomination_data


@pytest.fixture
def nomination(campaign, jurisdictions):
    return intake.submit(campaign, nomination_data(jurisdictions["hexi_street"]))[0]


@pytest.fixture
def people(staff, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="editor123456", first_name="晓岚")
    editor.groups.add(Group.objects.get(name=EDITORS))
    admin = django_user_model.objects.create_superuser("admin", password="admin123456")
    return {**staff, "editor": editor, "admin": admin}


def screens(home, channel, nomination):
    evaluation = [
        "/admin/evaluation/nominations/",
        f"/admin/evaluation/nominations/inspect/{nomination.pk}/",
    ]
    pages = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{channel.pk}/edit/",
        f"/admin/pages/{channel.pk}/add_subpage/",
        f"/admin/pages/add/portal/articlepage/{channel.pk}/",
        "/admin/pages/search/?q=文明",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
    ]
    return {
        "admin": pages + evaluation + ["/admin/workflows/list/", "/admin/workflows/tasks/index/", "/admin/pages/1/"],
        "editor": pages,
        "city_staff": ["/admin/", *evaluation],
        "hexi_reviewer": ["/admin/", *evaluation, f"/admin/evaluation/nominations/{nomination.pk}/review/"],
        "hexi_submitter": ["/admin/", *evaluation],
    }


def test_main_admin_screens_have_no_english_ui_text(client, home, channel, people, nomination):
    review.review(nomination, actor=people["hexi_submitter"], action=Action.APPROVE)
    found = {}
    for role, urls in screens(home, channel, nomination).items():
        client.force_login(people[role])
        for url in urls:
            response = client.get(url, follow=True)
            html = response.content.decode()
            assert response.status_code == 200, (role, url)
            assert "没有权限" not in html, (role, url)
            if english := english_in(html):
                found[(role, url)] = english
    assert found == {}


def test_script_strings_are_translated(client, people):
    client.force_login(people["editor"])
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Insert a block"] == "插入内容块"
    assert "此菜单中有" in str(catalogue["(%(number)s new items in this menu)"])


def test_wagtail_roots_and_default_workflow_have_chinese_names(db):
    assert Page.get_first_root_node().title == "全部站点"
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_staff_groups_have_chinese_names(client, people):
    """Wagtail's "Editors" and "Moderators" read in Chinese on the admin's group list."""
    assert set(Group.objects.filter(name__in=["Editors", "Moderators"]).values_list("name", flat=True)) == set()
    client.force_login(people["admin"])
    html = client.get("/admin/groups/").content.decode()
    assert EDITORS in html and MODERATORS in html
    assert "Editors" not in html and "Moderators" not in html


def test_page_type_chooser_describes_each_type(client, home, channel, people):
    client.force_login(people["admin"])
    html = client.get(f"/admin/pages/{channel.pk}/add_subpage/").content.decode()
    assert "一篇新闻稿件" in html and "发布带文号和附件的通知公告" in html

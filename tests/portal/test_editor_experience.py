"""Editors do not lose typed text to empty blocks, and the demo groups can do what the README says (issue 12)."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.groups import EDITORS
from portal.models import ArticlePage


def article(title, body, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "",
            "body": streamfield(body),
            "date": "2026-06-01",
            "source": "",
            "author": "",
            "editor_in_charge": "",
            "tags": "",
            "comments": inline_formset([]),
        }
    )


def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="editor123456", first_name="晓岚")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_blocks_added_but_left_empty_do_not_block_saving(client, channel, django_user_model):
    client.force_login(editor(django_user_model))
    body = [
        ("paragraph", rich_text("<p>志愿者们清晨六点就来到社区。</p>")),
        ("image", {"image": "", "alt": "", "caption": ""}),  # the editor clicked 图片 and never chose one
        ("paragraph", rich_text("")),
        ("heading", ""),
    ]
    url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", channel.pk])
    data = article("社区志愿服务", body, "volunteers")
    data["action-submit"] = "提交审核"  # drafts skip required fields; submitting is where empty blocks used to stop
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ArticlePage.objects.get(slug="volunteers")
    assert [block.block_type for block in page.get_latest_revision_as_object().body] == ["paragraph"]
    assert "志愿者们清晨六点" in str(page.get_latest_revision_as_object().body)


def test_a_half_filled_block_still_points_at_the_problem_in_chinese(client, channel, django_user_model):
    client.force_login(editor(django_user_model))
    body = [("image", {"image": "", "alt": "", "caption": "社区一角"})]  # a caption but no image
    url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", channel.pk])
    data = article("社区一角", body, "corner")
    data["action-submit"] = "提交审核"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and not ArticlePage.objects.filter(slug="corner").exists()
    assert "存在校验错误，页面未能创建。" in html and "社区一角" in html


def test_editor_may_add_images_and_documents_and_submit_for_review(client, channel, django_user_model):
    client.force_login(editor(django_user_model))
    for url in ("/admin/images/multiple/add/", "/admin/documents/multiple/add/", "/admin/images/"):
        response = client.get(url)
        assert response.status_code == 200 and "没有权限" not in response.content.decode(), url
    url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", channel.pk])
    data = article("文明实践", [("paragraph", rich_text("<p>新时代文明实践站开放。</p>"))], "practice")
    data["action-submit"] = "提交审核"
    assert client.post(url, data).status_code == 302
    page = ArticlePage.objects.get(slug="practice")
    assert page.current_workflow_state is not None and not page.live


def test_staff_avatars_are_served_locally(client, channel, django_user_model):
    client.force_login(editor(django_user_model))
    html = client.get("/admin/").content.decode() + client.get(f"/admin/pages/{channel.pk}/").content.decode()
    assert "gravatar.com" not in html


def test_staff_names_read_surname_first(client, db):
    """The dashboard greets 周晓岚, not "晓岚 周"; Latin names keep their order."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    editor = user_model.objects.create_user("zhou", password="x-long-password", first_name="晓岚", last_name="周")
    assert user_model(first_name="Ada", last_name="Lovelace").get_full_name() == "Ada Lovelace"
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "周晓岚" in html
    assert "晓岚 周" not in html

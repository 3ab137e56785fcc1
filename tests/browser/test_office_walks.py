"""Issue 12's walks, each as its role, in Chromium: no English UI text and no 没有权限 screen along the way."""

import pytest
from django.contrib.auth import get_user_model

from evaluation.guards import captcha
from evaluation.models import Nomination, ReserveEntry
from evaluation.pages import CampaignPage
from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
from portal.groups import EDITORS
from tests.english import english_in_text
from tests.factories.evaluation import (
    CampaignFactory,
    build_jurisdictions,
    build_staff,
    make_id_number,
    nomination_data,
)
from tests.factories.portal import make_home_site

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_screen(page, seen):
    """Every screen of a walk: Chinese only, never a permission dead end."""
    text = page.inner_text("body")
    seen.append(page.url)
    assert "没有权限" not in text, page.url
    assert english_in_text(text) == [], (page.url, english_in_text(text))


@pytest.fixture
def setup():
    home = make_home_site()
    jurisdictions = build_jurisdictions()
    staff = build_staff(jurisdictions)
    for user in staff.values():
        user.set_password("demo123456")
        user.save()
    campaign = CampaignFactory()
    page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=campaign)
    home.add_child(instance=page)
    return {"page": page, "campaign": campaign, "j": jurisdictions, "staff": staff}


def log_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo123456")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_visitor_on_a_phone_nominates_on_the_first_try_and_looks_up_the_status(live_server, phone, setup):
    seen = []
    phone.goto(live_server.url + setup["page"].url + "nominate/")
    check_screen(phone, seen)
    assert serious_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert phone.locator("label.file-picker__button").inner_text() == "选择照片"
    phone.select_option("#id_method", "individual")
    phone.check("input[name=channel][value=media]")
    phone.fill("#id_nominee_name", "王秀英")
    phone.select_option("#id_gender", "female")
    phone.fill("#id_id_number", make_id_number(seq="124"))
    phone.select_option("#id_jurisdiction", label="河西区柳巷街道")
    phone.select_option("#id_category", "helping_others")
    phone.fill("#id_story", "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。")
    phone.fill("#id_nominator_name", "李明")
    phone.fill("#id_nominator_phone", "13812345678")
    token = phone.locator("input[name=captcha_key]").get_attribute("value")
    phone.fill("#id_captcha_answer", captcha.answer_for(token))
    phone.click("button.nomination-form__submit")
    phone.wait_for_url("**/nominate/done/")  # the first try goes through
    check_screen(phone, seen)
    nomination = Nomination.objects.get()
    assert nomination.birth_year == 1968 and nomination.channel == "media"

    phone.click("text=查询进度")
    phone.fill("#id_phone", "13812345678")
    phone.click("form.status-form button")
    phone.locator(".status-result__status").wait_for()
    check_screen(phone, seen)
    assert phone.locator(".status-result__status").inner_text() == "待基层审核"


def test_a_district_at_its_quota_sees_it_before_starting_and_keeps_the_nomination_on_file(live_server, browser, setup):
    campaign, j, staff = setup["campaign"], setup["j"], setup["staff"]
    for seq, name in (("201", "李一"), ("202", "李二")):  # the district's two places are taken
        n = intake.submit(
            campaign, nomination_data(j["hexi_street"], id_number=make_id_number(seq=seq), nominee_name=name)
        )[0]
        review.review(n, actor=staff["hexi_submitter"], action=Action.APPROVE)
        review.record_opinions(
            n, actor=staff["hexi_reviewer"], opinions={d: ("agree", "") for d in campaign.department_list}
        )
        review.review(n, actor=staff["hexi_reviewer"], action=Action.APPROVE)
    third = intake.submit(
        campaign, nomination_data(j["hexi_street"], id_number=make_id_number(seq="203"), nominee_name="李三")
    )[0]
    review.review(third, actor=staff["hexi_submitter"], action=Action.APPROVE)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = []
    log_in(page, live_server, "hexi_reviewer")
    check_screen(page, seen)
    assert "待我处理（1）" in page.inner_text("body") and "已报送 2 人" in page.inner_text("body")
    page.click("text=开始处理")  # 待我处理 on the dashboard
    page.wait_for_url("**/evaluation/nominations/?awaiting_me=true")
    check_screen(page, seen)
    assert "名额已满" in page.inner_text("body")
    page.click("a:text-is('李三')")
    page.wait_for_url(f"**/evaluation/nominations/{third.pk}/review/")
    check_screen(page, seen)
    body = page.inner_text("body")
    assert "审核：李三" in page.title()
    assert body.index("名额已满") < body.index("征求部门意见")
    page.click("main a:text-is('转入储备库')")
    page.wait_for_url(f"**/{third.pk}/keep-on-file/")
    check_screen(page, seen)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/inspect/{third.pk}/")
    check_screen(page, seen)
    assert ReserveEntry.objects.filter(source_nomination=third).exists()
    assert "县区审核员·hexi_reviewer" in page.inner_text("body")
    context.close()


def test_a_nomination_goes_grassroots_district_city(live_server, browser, setup):
    campaign, j = setup["campaign"], setup["j"]
    nomination = intake.submit(campaign, nomination_data(j["hexi_street"]))[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = []

    def decide(username, opinions=False):
        context.clear_cookies()
        log_in(page, live_server, username)
        check_screen(page, seen)
        page.goto(live_server.url + "/admin/evaluation/nominations/")
        page.click(f"a:text-is('{nomination.nominee_name}')")
        page.wait_for_url(f"**/{nomination.pk}/review/")
        check_screen(page, seen)
        if opinions:
            for select in page.locator("select[name^=opinion_]").all():
                select.select_option("agree")
        page.select_option("#id_action", "approve")
        page.click("text=下一步：确认审核结果")
        page.locator(".nomination-confirm").wait_for()
        check_screen(page, seen)
        page.click(".nomination-confirm button")
        page.wait_for_url(f"**/inspect/{nomination.pk}/")
        check_screen(page, seen)

    decide("hexi_submitter")
    decide("hexi_reviewer", opinions=True)
    decide("city_staff")
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED and nomination.opinions.count() == len(campaign.department_list)
    context.close()


def editorial_setup():
    """What Wagtail's and portal's migrations create (a transactional test flushed it): Editors, 初审, 三审."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from tests.factories.portal import ChannelPageFactory

    home = make_home_site()
    channel = ChannelPageFactory(parent=home, title="要闻", slug="news")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    root_collection = Collection.get_first_root_node()
    for codename in ("add_image", "choose_image", "change_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=Permission.objects.get(codename=codename)
        )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home, permission=Permission.objects.get(codename=codename)
        )
    first, _ = Group.objects.get_or_create(name="初审")
    task = GroupApprovalTask.objects.create(name="初审（栏目编辑）")
    task.groups.add(first)
    workflow = Workflow.objects.create(name="三审（初审→复审→终审）")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)
    user = get_user_model().objects.create_user("editor", password="demo123456", first_name="晓岚", last_name="周")
    user.groups.add(editors)
    return channel


def test_an_editor_creates_an_article_with_an_image_and_submits_it(live_server, browser, tmp_path):
    from portal.models import ArticlePage
    from tests.factories.evaluation import jpeg_bytes

    channel = editorial_setup()
    photo = tmp_path / "volunteers.jpg"
    photo.write_bytes(jpeg_bytes(size=(800, 600)))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = []
    log_in(page, live_server, "editor")
    check_screen(page, seen)
    page.goto(f"{live_server.url}/admin/pages/{channel.pk}/add_subpage/")
    check_screen(page, seen)
    assert "一篇新闻稿件" in page.inner_text("main")  # each type says what it is for
    page.click("a[href*='/add/portal/articlepage/']")
    page.wait_for_url("**/add/portal/articlepage/**")
    page.fill("#id_title", "社区志愿服务暖人心")
    check_screen(page, seen)
    page.locator(
        "[data-contentpath=body] button[title='插入内容块'], [data-contentpath=body] .c-sf-add-button"
    ).first.click()
    page.get_by_role("option", name="图片").click()
    page.locator("[data-contentpath=body] button[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    check_screen(page, seen)
    modal.get_by_role("tab", name="上传").click()
    modal.locator("input[type=file]").set_input_files(str(photo))
    modal.locator("input[name='image-chooser-upload-title']").fill("志愿者在社区")
    modal.locator("button[type=submit]:has-text('上传')").click()
    modal.wait_for(state="hidden")
    check_screen(page, seen)
    page.evaluate("document.querySelector('button[name=action-submit]').click()")
    page.wait_for_url(f"**/admin/pages/{channel.pk}/")  # back to the channel, with a message
    check_screen(page, seen)
    article = ArticlePage.objects.get(title="社区志愿服务暖人心")
    body = article.get_latest_revision_as_object().body
    assert [b.block_type for b in body] == ["image"] and body[0].value["image"].title == "志愿者在社区"
    assert article.current_workflow_state is not None and not article.live
    context.close()

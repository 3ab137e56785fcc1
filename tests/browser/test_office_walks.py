"""Issue 12's walks, each as its role, in Chromium: no English UI text and no 没有权限 screen along the way."""

import pytest

from evaluation.models import Nomination, ReserveEntry
from evaluation.pages import CampaignPage
from evaluation.public import captcha
from evaluation.services import intake, review
from evaluation.workflows.nomination import Action, Status
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

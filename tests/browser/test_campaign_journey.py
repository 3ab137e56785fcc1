"""Issue 9's journey in Chromium: one nomination taken through every stage in the admin until its profile is live.

A visitor nominates and votes on the public pages; staff review, draw the panel,
experts score in 我的评审, staff rank, cut the shortlist, record the inspection,
the notice shows the shortlist, staff meet the notice's refusal of an approval,
then record it the day after the notice ends and publish, and an
anonymous visitor reads the profile on the honour roll.  Every screen on the way
must be Chinese and none may say 没有权限 (check_screen).
"""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from evaluation.choices import AffiliationType, Role, StageKind
from evaluation.guards import captcha
from evaluation.models import (
    Approval,
    Criterion,
    Expert,
    ExpertDraw,
    Honour,
    Inspection,
    Nomination,
    PublicationMode,
    Rubric,
    ShortlistEntry,
    VotingRules,
)
from evaluation.pages import CampaignPage
from evaluation.workflows.nomination import Status
from portal.models import District
from tests.factories.evaluation import (
    CampaignFactory,
    build_jurisdictions,
    build_staff,
    make_candidate,
    make_id_number,
    make_staff,
)
from tests.factories.portal import HonourRollPageFactory, make_home_site

from .test_office_walks import check_screen, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID_NUMBER = make_id_number(seq="124")
PHONE = "13812345678"
EXPERTS = ["何文清", "白树人", "林海燕", "郑国庆", "宋晓东"]


@pytest.fixture
def journey():
    """What exists before the walk: the site, the roll, staff, a dated campaign, its rubric and the expert pool."""
    home = make_home_site()
    roll = HonourRollPageFactory(parent=home)
    roll.save_revision().publish()
    j = build_jurisdictions()
    j["hexi"].district = District.objects.create(name="河西区")
    j["hexi"].save()
    staff = build_staff(j)
    for user in staff.values():
        user.set_password("demo123456")
        user.save()
    campaign = CampaignFactory(
        title="2026年第四季度“清河好人”评选",
        honour_title="清河好人",
        publication_mode=PublicationMode.LIVE,
        stages=list(StageKind.values),  # every stage open today: the walk crosses them in one sitting
    )
    VotingRules.objects.create(campaign=campaign)
    page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=campaign)
    home.add_child(instance=page)
    rubric = Rubric.objects.create(campaign=campaign, guidance="每项0至10分。")
    Criterion.objects.create(rubric=rubric, name="事迹真实感人", weight=60, sort_order=0)
    Criterion.objects.create(rubric=rubric, name="社会影响", weight=40, sort_order=1)
    for n, (name, kind) in enumerate(zip(EXPERTS, AffiliationType.values, strict=True)):
        user = make_staff(f"panel{n}", Role.EXPERT, j["city"])
        user.set_password("demo123456")
        user.save()
        Expert.objects.create(name=name, affiliation_type=kind, jurisdiction=j["city"], unit=f"第{n}研究院", user=user)
    rival = make_candidate(
        campaign,
        j["cg_street"],
        "李建国",
        "203",
        category="bravery",
        story="李建国在河边跳入冰冷的河水，救起一名落水的小学生，随后悄然离开未留姓名。",
    )
    return {"page": page, "campaign": campaign, "roll": roll, "rival": rival}


def nominate(page, live_server, campaign_page, seen):
    """A member of the public fills in the nomination form."""
    page.goto(live_server.url + campaign_page.url + "nominate/")
    check_screen(page, seen)
    page.select_option("#id_method", "individual")
    page.check("input[name=channel][value=territorial]")
    page.fill("#id_nominee_name", "王秀英")
    page.select_option("#id_gender", "female")
    page.fill("#id_id_number", ID_NUMBER)
    page.select_option("#id_jurisdiction", label="河西区柳巷街道")
    page.select_option("#id_category", "helping_others")
    page.fill("#id_story", "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。")
    page.fill("#id_nominator_name", "李明")
    page.fill("#id_nominator_phone", PHONE)
    token = page.locator("input[name=captcha_key]").get_attribute("value")
    page.fill("#id_captcha_answer", captcha.answer_for(token))
    page.click("button.nomination-form__submit")
    page.wait_for_url("**/nominate/done/")
    check_screen(page, seen)
    return Nomination.objects.get(nominee_name="王秀英")


def test_staff_take_a_nomination_from_the_form_to_a_live_profile(live_server, browser, journey):
    campaign, rival = journey["campaign"], journey["rival"]
    seen = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin = live_server.url + "/admin/"

    def as_user(username):
        context.clear_cookies()
        log_in(page, live_server, username)
        check_screen(page, seen)

    def open_admin(path):
        page.goto(admin + path)
        check_screen(page, seen)

    def submit(target, url_pattern):
        (page.locator(target) if isinstance(target, str) else target).click()
        page.wait_for_url(url_pattern)
        check_screen(page, seen)

    # 1. A visitor nominates.
    nomination = nominate(page, live_server, journey["page"], seen)
    assert nomination.status == Status.PENDING_GRASSROOTS

    # 2. Grassroots → district (department opinions) → city, each on the review screen with a confirmation.
    def decide(username, opinions=False):
        as_user(username)
        open_admin("evaluation/nominations/")
        submit(f"a:text-is('{nomination.nominee_name}')", f"**/{nomination.pk}/review/")
        if opinions:
            for select in page.locator("select[name^=opinion_]").all():
                select.select_option("agree")
        page.select_option("#id_action", "approve")
        page.click("text=下一步：确认审核结果")
        page.locator(".nomination-confirm").wait_for()
        check_screen(page, seen)
        submit(".nomination-confirm button", f"**/inspect/{nomination.pk}/")

    decide("hexi_submitter")
    decide("hexi_reviewer", opinions=True)
    decide("city_staff")
    # The city records the nominee's consent to be made public: now a candidate.
    submit("main a:text-is('记录本人同意')", f"**/{nomination.pk}/consent/")
    page.fill("#id_note", "电话联系本人，同意公开姓名和事迹")
    submit("main button[type=submit]", f"**/inspect/{nomination.pk}/")
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED and nomination.consent_given

    # 3. The public vote: an anonymous visitor votes on the candidates page.
    context.clear_cookies()
    page.goto(live_server.url + journey["page"].url + "candidates/")
    check_screen(page, seen)
    page.locator(f"#candidate-{nomination.pk} .vote-form__button").click()
    expect(page.locator("[data-vote-live]")).to_contain_text("投票成功")

    # 4. City staff set the panel size, publish the seed's hash, then draw.
    as_user("city_staff")
    open_admin("evaluation/expert-review/")
    submit("a:text-is('管理专家评审')", f"**/expert-review/{campaign.pk}/")
    submit("main a:text-is('修改设置')", "**/review-settings/edit/*/")
    page.fill("#id_panel_size", "5")
    submit("main button[type=submit]:has-text('保存')", "**/review-settings/")
    open_admin("evaluation/expert-review/")
    submit("a:text-is('管理专家评审')", f"**/expert-review/{campaign.pk}/")
    assert "评议组5人" in page.inner_text("main")
    page.click("button:text-is('新一轮：公布种子哈希')")
    page.locator("text=已公布随机种子的哈希值").wait_for()
    check_screen(page, seen)
    draw = ExpertDraw.objects.get(campaign=campaign)
    assert draw.seed_hash in page.inner_text("main") and draw.sealed_seed not in page.content()
    page.click("button:text-is('抽取专家并公布种子')")
    page.locator("text=随机种子已公布").wait_for()
    check_screen(page, seen)
    draw.refresh_from_db()
    assert "复核一致" in page.inner_text("main") and len(draw.panel) == 5
    assert all(name in page.inner_text("main") for name in EXPERTS)

    # 5. Each expert on the panel declares and scores both candidates in 我的评审.
    for n in range(len(EXPERTS)):
        as_user(f"panel{n}")
        submit("a:has-text('我的评审')", "**/evaluation/my-review/")
        for candidate, points in ((nomination, ("9", "8")), (rival, ("7", str(3 + n)))):
            row = page.locator("tr", has_text=candidate.nominee_name)
            submit(row.locator("a:text-is('声明')"), f"**/my-review/{draw.pk}/{candidate.pk}/")
            page.check("input[name=decision][value=no_conflict]")
            page.click("button:text-is('提交声明')")
            page.locator("text=声明已记录，请评分").wait_for()
            check_screen(page, seen)
            inputs = page.locator("input[name^=criterion_]")
            inputs.nth(0).fill(points[0])
            inputs.nth(1).fill(points[1])
            submit("button:text-is('提交评分')", "**/evaluation/my-review/")
        assert page.locator("text=已提交评分").count() == 2
    assert draw.scores.count() == 10

    # 6. Staff close the round, read the ranking and cut the shortlist.
    as_user("city_staff")
    open_admin(f"evaluation/expert-review/{campaign.pk}/")
    page.click("button:text-is('结束本轮评审')")
    page.locator("text=评审已结束").first.wait_for()
    check_screen(page, seen)
    main = page.inner_text("main")
    assert "排名（第1轮）" in main and "稳健性检验" in main
    page.click("button:has-text('按名额拟定初步名单')")
    page.locator("text=已拟定初步名单2人").wait_for()
    check_screen(page, seen)
    assert list(ShortlistEntry.objects.filter(campaign=campaign).values_list("nomination_id", flat=True)) == [
        nomination.pk,
        rival.pk,
    ]

    # 7. The site inspection: planned, then findings and a verdict recorded.
    open_admin("evaluation/inspections/")
    submit("main a:has-text('添加')", "**/inspections/new/")
    entry = ShortlistEntry.objects.get(nomination=nomination)
    page.select_option("#id_entry", str(entry.pk))
    page.fill("#id_scheduled_on", timezone.localdate().isoformat())
    page.select_option("#id_inspectors", label="city_staff（city_staff）")  # name（login name）
    submit("main button[type=submit]:has-text('创建')", "**/inspections/")
    inspection = Inspection.objects.get(nomination=nomination)
    open_admin(f"evaluation/inspections/edit/{inspection.pk}/")
    page.select_option("#id_verdict", "passed")
    page.fill("#id_findings", "走访柳巷社区及三位老人家属，事迹属实，群众评价很高。")
    submit("main button[type=submit]:has-text('保存')", "**/inspections/")
    inspection.refresh_from_db()
    assert inspection.verdict == "passed"

    # 8. The public notice shows the shortlist, to anyone.
    context.clear_cookies()
    page.goto(live_server.url + journey["page"].url + "notice/")
    check_screen(page, seen)
    notice_text = page.inner_text("main")
    assert "王秀英" in notice_text and "李建国" in notice_text

    # 9. The committee's approval: refused in Chinese while the notice runs, recorded the day after it ends.
    as_user("city_staff")

    def fill_approval(day):
        open_admin("evaluation/approvals/")
        submit("main a:has-text('添加')", "**/approvals/new/")
        page.select_option("#id_campaign", str(campaign.pk))
        page.fill("#id_document_number", "清文明委〔2026〕12号")
        page.fill("#id_approved_on", day.isoformat())
        page.check(f"input[name=nominations][value='{nomination.pk}']")

    fill_approval(timezone.localdate())
    page.click("main button[type=submit]:has-text('创建')")
    page.locator("text=公示期内不能审批").first.wait_for()
    check_screen(page, seen)
    assert not Approval.objects.filter(campaign=campaign).exists()

    # The clock moves on (the server's, in this process) to the morning after the notice's last day.
    after = campaign.stage(StageKind.NOTICE).ends_on + datetime.timedelta(days=1)
    morning = timezone.make_aware(datetime.datetime.combine(after, datetime.time(9)))
    with time_machine.travel(morning):
        as_user("city_staff")  # the session of three weeks ago has expired
        fill_approval(after)
        submit("main button[type=submit]:has-text('创建')", "**/approvals/")
        approval = Approval.objects.get(campaign=campaign)
        assert approval.document_number == "清文明委〔2026〕12号" and approval.approved_on == after
        assert list(approval.nominations.all()) == [nomination]
        submit("a:text-is('发布到好人榜')", "**/publish/")
        submit("button:text-is('确认发布')", "**/approvals/**")
        assert "已发布" in page.inner_text("body")

    # 10. An anonymous visitor finds the profile on the honour roll: the name, never the ID number or phone.
    context.clear_cookies()
    honour = Honour.objects.get(nomination=nomination)
    page.goto(live_server.url + journey["roll"].url)
    check_screen(page, seen)
    submit(f"a.release-list__link:has-text('{campaign.period_label}')", f"**{honour.page.get_parent().url}")
    submit("main a:has-text('王秀英')", f"**{honour.page.url}")
    html = page.content()
    assert "王秀英" in page.inner_text("main")
    for private in (ID_NUMBER, PHONE, nomination.id_number_masked, "李明"):
        assert private not in html
    assert len(seen) > 40
    context.close()

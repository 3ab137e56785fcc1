"""A visitor on a phone votes from the candidates page: the count changes in place, no reload."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from evaluation.choices import StageKind
from evaluation.pages import CampaignPage
from tests.factories.evaluation import CampaignFactory, build_jurisdictions, make_candidate
from tests.factories.portal import make_home_site

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def voting_page():
    home = make_home_site()
    places = build_jurisdictions()
    campaign = CampaignFactory(stages=[StageKind.VOTE])
    page = CampaignPage(title="我推荐我评议身边好人", slug="pingyi", campaign=campaign)
    home.add_child(instance=page)
    page.candidate = make_candidate(campaign, places["hexi_street"], "王秀英", "201")
    make_candidate(
        campaign,
        places["cg_street"],
        "李建国",
        "203",
        category="bravery",
        story="李建国在河边跳入冰冷的河水，救起一名落水的小学生，随后悄然离开未留姓名。",
    )
    return page


def test_phone_visitor_votes_and_sees_the_count_change_in_place(live_server, phone, voting_page):
    errors = []
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    wang = voting_page.candidate
    phone.goto(live_server.url + voting_page.url + "candidates/")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert serious_violations(phone) == []

    count = phone.locator(f'[data-vote-count="{wang.pk}"]')
    expect(count).to_have_text("0")
    phone.evaluate("window.notReloaded = true")
    phone.locator(f"#candidate-{wang.pk} .vote-form__button").click()

    live = phone.locator("[data-vote-live]")
    expect(live).to_contain_text("投票成功")
    expect(count).to_have_text("1")
    assert phone.evaluate("window.notReloaded === true"), "the vote went through without a page load"

    phone.locator(f"#candidate-{wang.pk} .vote-form__button").click()
    expect(live).to_contain_text("今天已为该候选人投过票")
    expect(count).to_have_text("1")
    assert serious_violations(phone) == []

    cache.clear()  # the counts' few seconds are over
    phone.locator(f"#candidate-{wang.pk} .card__link").click()
    phone.wait_for_url(f"**/candidates/{wang.pk}/")
    expect(phone.locator(f'[data-vote-count="{wang.pk}"]')).to_have_text("1")
    assert phone.locator(".share__qr-code svg").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert serious_violations(phone) == []
    assert errors == []

"""A member of the public nominates someone from a phone, fixes a mistake, and gets a tracking number."""

import pytest

from evaluation.guards import captcha
from evaluation.models import Nomination
from evaluation.pages import CampaignPage
from tests.factories.evaluation import CampaignFactory, build_jurisdictions, jpeg_bytes, make_id_number
from tests.factories.portal import make_home_site

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign_page():
    home = make_home_site()
    build_jurisdictions()
    page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=CampaignFactory())
    home.add_child(instance=page)
    return page


def solve_captcha(phone):
    token = phone.locator("input[name=captcha_key]").get_attribute("value")
    phone.fill("#id_captcha_answer", captcha.answer_for(token))


def test_phone_user_nominates_and_tracks(live_server, phone, campaign_page, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_bytes())
    id_number = make_id_number(seq="124")

    phone.goto(live_server.url + campaign_page.url + "nominate/")
    assert serious_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1

    phone.select_option("#id_method", "individual")
    phone.fill("#id_nominee_name", "王秀英")
    phone.select_option("#id_gender", "female")
    phone.fill("#id_birth_year", "1968")
    phone.fill("#id_id_number", id_number[:-1] + ("0" if id_number[-1] != "0" else "1"))  # a typo
    phone.select_option("#id_jurisdiction", label="河西区柳巷街道")
    phone.fill("#id_unit", "柳巷社区居民")
    phone.select_option("#id_category", "helping_others")
    phone.fill("#id_story", "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。")
    phone.set_input_files("#id_photos", str(photo))
    phone.fill("#id_nominator_name", "李明")
    phone.fill("#id_nominator_phone", "13812345678")
    solve_captcha(phone)
    phone.click("button.nomination-form__submit")

    errors = phone.locator(".form-errors")
    errors.wait_for()
    assert "校验位" in errors.inner_text()
    assert Nomination.objects.count() == 0
    assert phone.input_value("#id_story").startswith("王秀英二十年来"), "what was typed is kept"
    assert serious_violations(phone) == []

    phone.fill("#id_id_number", id_number)
    phone.set_input_files("#id_photos", str(photo))
    solve_captcha(phone)
    phone.click("button.nomination-form__submit")
    phone.wait_for_url("**/nominate/done/")
    receipt = phone.locator("#receipt-number").inner_text().strip()
    nomination = Nomination.objects.get()
    assert receipt == nomination.nominators.get().receipt_number == nomination.tracking_number
    assert nomination.photos.count() == 1
    assert id_number not in phone.content()

    phone.click("text=查询进度")
    assert phone.input_value("#id_receipt_number") == receipt, "the receipt comes from the session, not the URL"
    phone.fill("#id_phone", "13812345678")
    phone.click("form.status-form button")
    phone.locator(".status-result__status").wait_for()
    assert phone.locator(".status-result__status").inner_text() == "待基层审核"
    assert serious_violations(phone) == []

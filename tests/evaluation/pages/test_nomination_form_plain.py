"""The public form a first-time visitor completes: plain words, grouped places, a Chinese file button (issue 12)."""

import re

from evaluation.models import Jurisdiction
from portal import captcha as portal_captcha
from tests.evaluation.pages.test_campaign_page import form_data, fresh_captcha


def test_channel_is_explained_in_plain_words(client, campaign_page):
    html = client.get(campaign_page.url + "nominate/").content.decode()
    assert "所在地推荐：由被推荐人所在的社区、村或工作单位推荐上来" in html
    assert "媒体推荐：在报纸、电视、网络等媒体上看到的事迹" in html
    assert 'type="radio" name="channel"' in html


def test_jurisdictions_are_grouped_by_district(client, campaign_page, jurisdictions):
    html = client.get(campaign_page.url + "nominate/").content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert set(groups[:2]) == {"河西区", "城关区"} and groups[-1] == "省电力公司清河供电分公司"  # districts first
    hexi = re.search(r'<optgroup label="河西区">(.*?)</optgroup>', html, re.S).group(1)
    assert "河西区柳巷街道" in hexi and "城关区府东街道" not in hexi
    assert Jurisdiction.objects.get(name="清河市").name not in re.findall(r"<option[^>]*>([^<]+)<", html)


def test_file_picker_reads_in_chinese(client, campaign_page):
    html = client.get(campaign_page.url + "nominate/").content.decode()
    assert ">选择照片</label>" in html and "未选择照片" in html and "js/file-picker.js" in html


def test_captcha_has_no_look_alike_digits(db):
    assert not set("017") & set(portal_captcha.DIGITS)
    token = portal_captcha.new_challenge()
    assert set(portal_captcha.answer_for(token)) <= set("2345689")


def test_failed_submission_keeps_every_field_but_the_captcha(client, campaign_page, jurisdictions):
    url = campaign_page.url + "nominate/"
    token, _ = fresh_captcha(client, url)
    data = form_data(jurisdictions["hexi_street"], token, "0000", consent="on", channel="media", method="individual")
    html = client.post(url, data).content.decode()
    assert "验证码不正确" in html
    for value in ("王秀英", "1968", "柳巷社区居民", "李明", "13812345678"):
        assert f'value="{value}"' in html, value
    assert "二十年来义务照顾" in html
    assert re.search(r'value="media"[^>]*checked|checked[^>]*value="media"', html)
    assert re.search(rf'<option value="{jurisdictions["hexi_street"].pk}" selected>', html)
    assert re.search(r'name="consent"[^>]*checked', html)
    assert 'value="0000"' not in html and "照片不会保留，请重新选择" in html

"""The footer shows the government-site identity the office enters in the site settings."""

import pytest
from wagtail.models import Site

from portal.models import SiteSettings
from tests.factories.portal import ImageFactory

pytestmark = pytest.mark.django_db


def footer(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index("<footer") : html.index("</footer>")]


def test_footer_shows_bodies_codes_records_and_badges(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.office_name = "河东市精神文明建设指导委员会办公室"
    settings.organiser_name = "河东市文明网编辑部"
    settings.site_code = "1401000001"
    settings.icp_number = "晋ICP备12345678号-1"
    settings.police_record = "晋公网安备 14010002000001号"
    settings.phone = "0351-1234567"
    settings.email = "wenming@example.cn"
    settings.party_gov_badge = ImageFactory(title="党政机关标识")
    settings.party_gov_badge_url = "https://bszs.conac.cn/sitename?method=show&id=1"
    settings.save()

    html = footer(client)
    assert "主办：河东市精神文明建设指导委员会办公室" in html
    assert "承办：河东市文明网编辑部" in html
    assert "网站标识码：1401000001" in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">晋ICP备12345678号-1</a>' in html
    police = 'href="https://beian.mps.gov.cn/#/query/webSearch?code=14010002000001"'
    assert police in html and 'src="/static/img/police-badge.svg"' in html and "晋公网安备 14010002000001号</a>" in html
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in html and 'alt="党政机关网站标识"' in html
    assert 'href="tel:0351-1234567"' in html and 'href="mailto:wenming@example.cn"' in html
    assert 'href="/jiucuo/?page=/"' in html and "我要纠错" in html


def test_a_record_register_address_set_by_the_office_wins(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.police_record = "晋公网安备 14010002000001号"
    settings.police_record_url = "https://beian.mps.gov.cn/#/query/webSearch?code=99"
    settings.icp_number = ""
    settings.save()
    html = footer(client)
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=99"' in html
    assert "beian.miit.gov.cn" not in html and "党政机关网站标识" not in html, "empty fields leave no trace"

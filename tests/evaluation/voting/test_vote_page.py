"""The public voting page: candidate cards, filters, no-JS votes, cached pages and live counts."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache

from evaluation.choices import StageKind
from evaluation.models import NominationPhoto
from evaluation.public import votes
from tests.factories.evaluation import make_candidate, make_id_number, photo_upload
from tests.portal.test_csp import assert_strict

from .conftest import ORIGIN, vote_url


def names(response):
    content = response.content.decode()
    return {name for name in ["王秀英", "李建国", "张敏", "待审核者"] if name in content}


def test_page_lists_accepted_candidates_with_filters_and_search(client, named_candidates, jurisdictions, list_url):
    assert names(client.get(list_url)) == {"王秀英", "李建国", "张敏"}
    assert names(client.get(list_url, {"category": "bravery"})) == {"李建国"}
    assert names(client.get(list_url, {"district": jurisdictions["hexi"].pk})) == {"王秀英"}
    assert names(client.get(list_url, {"district": jurisdictions["unit"].pk})) == {"张敏"}
    assert names(client.get(list_url, {"q": "落水"})) == {"李建国"}, "the story is searched"
    assert names(client.get(list_url, {"q": "张"})) == {"张敏"}
    empty = client.get(list_url, {"q": "没有这个人"})
    assert "没有符合条件的候选人" in empty.content.decode()
    page = client.get(list_url).content.decode()
    assert "票数每隔几秒更新" in page and "城关区" in page and "助人为乐" in page


def test_long_lists_are_paginated(client, voting_campaign, jurisdictions, list_url):
    for i, mark in enumerate("甲乙丙丁戊己庚辛壬癸子丑寅卯"):
        make_candidate(voting_campaign, jurisdictions["hexi"], f"候选人{mark}", f"{300 + i}")
    first, second = client.get(list_url).content.decode(), client.get(list_url, {"page": 2}).content.decode()
    assert "共 14 位候选人" in first and "第 1 / 2 页" in first
    assert first.count('class="vote-form"') == 12 and second.count('class="vote-form"') == 2


def test_vote_without_javascript_counts_once_then_explains_the_refusal(client, voting_page, named_candidates, list_url):
    wang = named_candidates["wang"]
    response = client.post(vote_url(voting_page, wang), {"next": "list"}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 302 and response["Location"].startswith(list_url + "?msg=")
    cookie = response.cookies[votes.cookie_name(voting_page.campaign)]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert vote_url(voting_page, named_candidates["li"]).startswith(cookie["path"]), (
        "the browser sends it to every vote"
    )
    assert cookie["path"].startswith("/evaluation/campaigns/") and not list_url.startswith(cookie["path"])

    landed = client.get(response["Location"])
    content = landed.content.decode()
    assert "投票成功" in content and "王秀英" in content and "凭证号" in content
    assert landed["Cache-Control"] == "private, no-store"
    assert votes.live_counts(voting_page.campaign)[wang.pk] == 1

    again = client.post(vote_url(voting_page, wang), {"next": "list"}, HTTP_ORIGIN=ORIGIN, follow=True)
    content = again.content.decode()
    assert "投票成功" not in content and "今天已为该候选人投过票" in content
    cache.clear()
    assert votes.live_counts(voting_page.campaign)[wang.pk] == 1


def test_vote_from_the_candidate_page_returns_there(client, voting_page, named_candidates):
    li = named_candidates["li"]
    response = client.post(vote_url(voting_page, li), {"next": "candidate"}, HTTP_ORIGIN=ORIGIN)
    assert urlsplit(response["Location"]).path == f"{voting_page.url}candidates/{li.pk}/"


def test_plain_form_needs_no_csrf_token_but_the_same_origin(voting_page, named_candidates, list_url):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(list_url).content.decode()
    action = vote_url(voting_page, named_candidates["wang"])
    assert f'action="{action}"' in page and "csrfmiddlewaretoken" not in page
    assert browser.post(action, HTTP_ORIGIN=ORIGIN).status_code == 302
    assert browser.post(action, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert browser.get(action)["Location"] == f"{voting_page.url}candidates/{named_candidates['wang'].pk}/vote/"


def test_votes_posted_from_another_site_are_refused(client, voting_page, named_candidates):
    wang = named_candidates["wang"]
    assert client.post(vote_url(voting_page, wang), HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(vote_url(voting_page, wang)).status_code == 403, "no Origin and no Referer"
    assert client.post(vote_url(voting_page, wang), HTTP_REFERER=ORIGIN + "/elsewhere/").status_code == 302
    assert votes.live_counts(voting_page.campaign)[wang.pk] == 1


def test_javascript_vote_gets_json_with_the_new_count(client, voting_page, named_candidates):
    url = vote_url(voting_page, named_candidates["zhang"])
    first = client.post(url, HTTP_ORIGIN=ORIGIN, HTTP_ACCEPT="application/json")
    assert first.status_code == 201
    assert first.json()["ok"] and first.json()["count"] == 1 and first.json()["receipt"]
    second = client.post(url, HTTP_ORIGIN=ORIGIN, HTTP_ACCEPT="application/json")
    assert second.status_code == 409
    assert second.json()["code"] == "already_counted" and "投过票" in second.json()["message"]


def test_closed_vote_shows_no_button_and_refuses(client, voting_page, named_candidates, list_url):
    voting_page.campaign.stages.filter(kind=StageKind.VOTE).update(enabled=False)
    assert 'class="vote-form"' not in client.get(list_url).content.decode()
    followed = client.post(vote_url(voting_page, named_candidates["wang"]), HTTP_ORIGIN=ORIGIN, follow=True)
    assert "不在投票时间内" in followed.content.decode()


def test_pending_nominations_cannot_be_voted_for_or_viewed(client, voting_page, named_candidates):
    pending = named_candidates["pending"]
    assert client.post(vote_url(voting_page, pending), HTTP_ORIGIN=ORIGIN).status_code == 404
    assert client.get(f"{voting_page.url}candidates/{pending.pk}/").status_code == 404


def test_cached_page_is_shared_but_never_carries_a_visitors_message(client, voting_page, named_candidates, list_url):
    settings.PAGE_CACHE_SECONDS = 300
    try:
        first = client.get(list_url)
        assert first["X-Page-Cache"] == "miss" and not first.cookies

        voted = client.post(vote_url(voting_page, named_candidates["wang"]), {"next": "list"}, HTTP_ORIGIN=ORIGIN)
        receipt_page = client.get(voted["Location"])
        assert "投票成功" in receipt_page.content.decode()
        assert "X-Page-Cache" not in receipt_page, "a page with a message is never stored"
        receipt = votes.read_flash(receipt_page.wsgi_request)["receipt"]

        from django.test import Client

        other = Client()
        second = other.get(list_url)
        assert second["X-Page-Cache"] == "hit"
        assert "投票成功" not in second.content.decode() and receipt not in second.content.decode()
        # Even the voter, back on the plain page (with the device cookie), gets the shared copy.
        assert client.get(list_url)["X-Page-Cache"] == "hit"
    finally:
        settings.PAGE_CACHE_SECONDS = 0


def test_forged_or_stale_messages_are_not_shown(client, voting_page, named_candidates, list_url):
    assert "vote-flash" not in client.get(list_url, {"msg": "投票成功！伪造的消息"}).content.decode()
    token = votes.flash_token(ok=True, message="投票成功！旧消息", candidate_id=named_candidates["wang"].pk)
    signed, _ = token.rsplit(":", 1)
    assert "旧消息" not in client.get(list_url, {"msg": signed + ":AAAAAA"}).content.decode()


def test_counts_feed_follows_new_votes_within_its_cache_window(client, voting_page, named_candidates, list_url):
    wang = named_candidates["wang"]
    feed = list_url + "counts/"
    before = client.get(feed)
    assert before["Cache-Control"] == f"public, max-age={votes.COUNTS_CACHE_SECONDS}"
    assert before.json().get(str(wang.pk), 0) == 0

    client.post(vote_url(voting_page, wang), HTTP_ORIGIN=ORIGIN)
    assert client.get(feed).json().get(str(wang.pk), 0) == 0, "served from the short-lived entry"
    cache.clear()  # the entry's few seconds are over
    assert client.get(feed).json()[str(wang.pk)] == 1


def test_candidate_page_has_story_share_link_and_qr_code_but_nothing_private(
    client, voting_page, voting_campaign, jurisdictions, staff
):
    from evaluation.services import review
    from evaluation.workflows.nomination import Action, Status

    nominee = make_candidate(
        voting_campaign,
        jurisdictions["hexi"],
        "赵明亮",
        "211",
        status=Status.PENDING_CITY,
        consent=False,
        photos=[photo_upload()],
        story="赵明亮三十年坚持在山区小学义务支教，自费为孩子们购买课本和冬衣，带出了一届又一届学生。",
    )
    review.record_consent(nominee, actor=staff["city_staff"], note="电话确认")
    review.review(nominee, actor=staff["city_staff"], action=Action.APPROVE)
    photo = NominationPhoto.objects.get(nomination=nominee)

    url = f"{voting_page.url}candidates/{nominee.pk}/"
    response = client.get(url)
    content = response.content.decode()
    assert "带出了一届又一届学生" in content, "the full story"
    assert f'value="http://testserver{url}"' in content, "the share link is the candidate's own address"
    assert "<svg" in content and "本页链接的二维码" in content
    assert photo.public_image.get_rendition("fill-360x480").url in content
    assert photo.file.name not in content and "/evaluation/files/" not in content
    assert str(settings.PRIVATE_MEDIA_ROOT) not in content
    for private in [make_id_number(seq="211"), "13812345678", "李明"]:
        assert private not in content
    assert_strict(response, url)
    list_page = client.get(voting_page.url + "candidates/")
    assert photo.public_image.get_rendition("fill-300x400").url in list_page.content.decode()
    assert_strict(list_page, "candidates/")


def test_share_link_and_qr_code_leave_out_the_message(client, voting_page, named_candidates):
    wang = named_candidates["wang"]
    response = client.post(vote_url(voting_page, wang), {"next": "candidate"}, HTTP_ORIGIN=ORIGIN, follow=True)
    content = response.content.decode()
    assert "投票成功" in content
    message_param = parse_qs(urlsplit(response.redirect_chain[-1][0]).query)["msg"][0]
    assert message_param not in content.split('id="share-url"')[1]


@pytest.mark.parametrize("suffix", ["candidates/", "candidates/counts/"])
def test_voting_pages_read_no_cookie_and_set_none(client, voting_page, named_candidates, suffix):
    client.cookies[votes.cookie_name(voting_page.campaign)] = "some-token"
    response = client.get(voting_page.url + suffix)
    assert response.status_code == 200 and not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_page_cache_keeps_the_counts_feed_only_for_its_few_seconds(client, voting_page, named_candidates, monkeypatch):
    from portal import cache as page_cache

    stored = {}
    real_set = page_cache.cache.set

    def spy(key, value, timeout=None, **kwargs):
        if key.startswith("pagecache:"):
            stored[value.get("Content-Type")] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", spy)
    settings.PAGE_CACHE_SECONDS = 300
    try:
        client.get(voting_page.url + "candidates/counts/")
        client.get(voting_page.url + "candidates/")
    finally:
        settings.PAGE_CACHE_SECONDS = 0
    assert stored == {"application/json": votes.COUNTS_CACHE_SECONDS, "text/html; charset=utf-8": 300}


def test_after_the_captcha_threshold_the_vote_asks_for_a_captcha_on_its_own_page(
    client, voting_page, voting_campaign, named_candidates
):
    from evaluation.guards import captcha

    from .conftest import set_rules

    set_rules(voting_campaign, captcha_after=1)
    client.post(vote_url(voting_page, named_candidates["wang"]), HTTP_ORIGIN=ORIGIN)
    li = named_candidates["li"]
    asked = client.post(vote_url(voting_page, li), {"next": "list"}, HTTP_ORIGIN=ORIGIN, follow=True)
    assert asked.redirect_chain[-1][0].startswith(f"{voting_page.url}candidates/{li.pk}/vote/?msg=")
    content = asked.content.decode()
    assert "请先输入图片验证码" in content and 'name="captcha_answer"' in content
    assert asked["Cache-Control"] == "private, no-store"

    token = asked.context["captcha_token"]
    answer = {"captcha_key": token, "captcha_answer": captcha.answer_for(token), "next": "candidate"}
    done = client.post(vote_url(voting_page, li), answer, HTTP_ORIGIN=ORIGIN, follow=True)
    assert "投票成功" in done.content.decode()
    assert votes.live_counts(voting_campaign)[li.pk] == 1


def test_page_publishes_valid_held_and_invalid_totals_and_rules(client, voting_page, named_candidates, list_url):
    from evaluation.choices import VoteStatus
    from evaluation.models import Vote

    client.post(vote_url(voting_page, named_candidates["wang"]), {"next": "list"}, HTTP_ORIGIN=ORIGIN)
    Vote.objects.filter(candidate=named_candidates["wang"]).update(status=VoteStatus.QUARANTINED)
    content = client.get(list_url).content.decode()
    assert "有效票 0 票，待核查 1 票，无效票 0 票" in content
    assert "每人每天对同一候选人限投 1 票" in content and "疑似刷票的投票先暂停计票" in content

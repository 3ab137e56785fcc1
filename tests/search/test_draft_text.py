"""A draft's words stay out of search until the draft is published."""

import pytest

from portal.models import ArticlePage
from search.segmentation import segment_for_index
from tests.factories.portal import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_saved_draft_does_not_reach_the_live_search_text_until_published(client, channel):
    article = ArticlePageFactory(parent=channel, title="社区义诊活动", body=[("paragraph", "<p>义诊进社区。</p>")])
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "社区义诊活动（未定稿）"
    draft.body = [("paragraph", "<p>尚未公开的捐赠名单。</p>")]
    revision = draft.save_revision()

    live = ArticlePage.objects.get(pk=article.pk)
    assert "捐赠" not in live.search_text and "义诊" in live.search_text
    assert "共找到" not in client.get("/search/", {"query": "捐赠名单"}).content.decode()
    assert live.has_unpublished_changes  # the draft itself was saved

    revision.publish()
    live = ArticlePage.objects.get(pk=article.pk)
    assert set(segment_for_index("捐赠名单").split()) & set(live.search_text.split())
    assert "社区义诊活动（未定稿）" in client.get("/search/", {"query": "捐赠名单"}).content.decode()

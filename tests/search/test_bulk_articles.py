"""create_random_content's bulk path: a valid page tree and a search index like publishing one by one gives."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.demo import bulk_articles
from portal.models import ArticlePage
from search.indexing import rebuild
from search.models import SearchDocument, SearchPosting
from tests.factories.portal import ArticlePageFactory, ChannelPageFactory


class _NoImages:
    def scene(self, key):
        return None


@pytest.fixture
def bobao(home, django_user_model, monkeypatch):
    django_user_model.objects.create_superuser("admin", password="pw")
    monkeypatch.setattr(bulk_articles.images, "existing_pool", lambda: _NoImages())
    channel = ChannelPageFactory(parent=home, title="文明播报", slug="bobao")
    ArticlePageFactory(parent=channel, title="已有的文章")
    return channel


def postings():
    return sorted(SearchPosting.objects.values_list("term", "score", "page_id", "kind", "year", "category", "section"))


def test_bulk_articles_form_a_valid_published_tree(client, bobao):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_random_content", "--articles", "25", "--batch-size", "10", stdout=out, stderr=err)
    assert "已添加文章（栏目 bobao） 25 篇" in out.getvalue()
    assert "25/25 篇 100%" in err.getvalue(), "a progress bar"

    assert Page.find_problems() == ([], [], [], [], [])
    bobao.refresh_from_db()
    assert bobao.numchild == 26
    added = ArticlePage.objects.child_of(bobao).live().exclude(title="已有的文章")
    assert added.count() == 25
    page = added.order_by("path").last()
    assert page.url_path == f"{bobao.url_path}{page.slug}/"
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert page.tags.filter(name="批量生成").exists()
    assert page.search_text, "the segmented text for Wagtail's backend is filled in"

    word = page.title[:2]
    found = [p.pk for p in client.get("/search/", {"query": word}).context["search_results"]]
    assert found, f"a generated article is found by {word}"
    assert SearchDocument.objects.count() == 26


def test_bulk_index_equals_a_rebuild(bobao):
    call_command("create_random_content", "--articles", "12", stdout=io.StringIO(), stderr=io.StringIO())
    bulk = postings()
    assert rebuild() == 13
    assert postings() == bulk


def test_later_runs_append_after_the_last_child(bobao):
    for _ in range(2):
        call_command("create_random_content", "--articles", "5", stdout=io.StringIO(), stderr=io.StringIO())
    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticlePage.objects.child_of(bobao).count() == 11

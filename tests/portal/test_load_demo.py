"""The demo loader builds the whole site and a second run changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.models import HomePage
from portal.choices import Category
from portal.models import (
    ArticlePage,
    ChannelPage,
    District,
    HonoureePage,
    NoticeAttachment,
    NoticePage,
    ReleasePage,
    StoryPage,
)


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "articles": ArticlePage.objects.live().count(),
        "channels": ChannelPage.objects.live().count(),
        "notices": NoticePage.objects.live().count(),
        "attachments": NoticeAttachment.objects.count(),
        "stories": StoryPage.objects.live().count(),
        "releases": ReleasePage.objects.live().count(),
        "honourees": HonoureePage.objects.live().count(),
        "districts": District.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_builds_site_and_is_idempotent(client):
    call_command("load_demo", verbosity=0)
    first = snapshot()
    assert first["channels"] >= 12
    assert first["articles"] >= 60
    assert first["notices"] >= 10
    assert first["attachments"] >= 10
    assert first["stories"] >= 20
    assert first["releases"] >= 3
    assert first["honourees"] >= 60
    categories = set(HonoureePage.objects.values_list("category", flat=True))
    assert categories == set(Category.values)
    assert HonoureePage.objects.values("district").distinct().count() >= 3
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)

    call_command("load_demo", verbosity=0)
    assert snapshot() == first

    assert client.get("/").status_code == 200
    results = client.get("/search/", {"query": "志愿"}).context["search_results"]
    assert results, "demo content must be searchable"

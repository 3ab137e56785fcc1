"""The demo loader builds the whole site and a second run changes nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
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

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


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

    # The admin's page lists must not say that every campaign page was updated minutes ago.
    from evaluation.pages import CampaignPage

    campaign_pages = list(CampaignPage.objects.select_related("campaign"))
    assert len(campaign_pages) >= 4
    for page in campaign_pages:
        opened = min(stage.starts_on for stage in page.campaign.stages.all())
        assert timezone.localtime(page.last_published_at).date() == min(opened, timezone.localdate())
    assert any(page.last_published_at.date() < timezone.localdate() for page in campaign_pages)


@pytest.mark.django_db
def test_load_demo_refuses_production_settings_and_creates_nothing(settings):
    settings.PRODUCTION = True
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", verbosity=0)
    assert Page.objects.count() == pages
    assert not HomePage.objects.exists()
    assert not get_user_model().objects.exists()


def test_production_settings_module_refuses_load_demo_before_touching_the_database(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x9#Lk2!vQ7@pZ4$wR8%tY1^uI6&oP3*aS5(dF0)gH-jK=lZ_cX+vB.nM,qW;eR",
        PRIVACY_KEY="p" * 50,
        DATABASE_URL=f"sqlite:///{database}",
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode != 0
    assert "生产环境" in out.stderr and "--allow-production" in out.stderr
    assert not database.exists()


@pytest.mark.django_db
def test_load_demo_runs_under_production_settings_when_allowed(settings):
    settings.PRODUCTION = True
    call_command("load_demo", allow_production=True, verbosity=0)
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()

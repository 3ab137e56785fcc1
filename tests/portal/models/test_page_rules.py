"""Editors cannot put a page type in the wrong place."""

import pytest
from wagtail.models import Page

from evaluation.pages import CampaignPage
from home.models import HomePage
from portal.models import (
    ArticlePage,
    ChannelPage,
    HonoureePage,
    HonourRollPage,
    NoticePage,
    ReleasePage,
    StoryPage,
    TopicPage,
)

ALLOWED = {
    # Campaign pages plug themselves in from the evaluation app (see EvaluationConfig.ready).
    HomePage: {ChannelPage, HonourRollPage, TopicPage, CampaignPage},
    ChannelPage: {ChannelPage, ArticlePage, NoticePage, StoryPage, TopicPage, CampaignPage},
    HonourRollPage: {ReleasePage},
    ReleasePage: {HonoureePage},
    ArticlePage: set(),
    NoticePage: set(),
    StoryPage: set(),
    TopicPage: set(),
    HonoureePage: set(),
}


@pytest.mark.parametrize("parent", list(ALLOWED), ids=lambda m: m.__name__)
def test_allowed_subpage_types(parent):
    assert set(parent.allowed_subpage_models()) == ALLOWED[parent]


@pytest.mark.parametrize(
    "child,parents",
    [
        (ArticlePage, {ChannelPage}),
        (NoticePage, {ChannelPage}),
        (StoryPage, {ChannelPage}),
        (HonoureePage, {ReleasePage}),
        (ReleasePage, {HonourRollPage}),
        (HonourRollPage, {HomePage}),
        (ChannelPage, {HomePage, ChannelPage}),
        (CampaignPage, {HomePage, ChannelPage}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_allowed_parent_types(child, parents):
    assert set(child.allowed_parent_page_models()) == parents


def test_only_one_home_page(home):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)


def test_article_cannot_be_created_under_honour_roll(honour_roll, channel):
    assert not ArticlePage.can_create_at(honour_roll)
    assert ArticlePage.can_create_at(channel)
    assert HonoureePage.can_create_at(channel) is False

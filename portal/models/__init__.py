"""Publicity page types and site data. This package never imports `evaluation`."""

from .articles import ArticlePage, ArticlePageTag
from .captchas import CaptchaChallenge
from .channels import ChannelPage, ContentQuerySet
from .counters import SharedCounter
from .districts import District
from .error_reports import ErrorReport, ErrorReportStatus
from .honour_roll import HonoureePage, HonourHeld, HonourRollPage, ReleasePage
from .notices import NoticeAttachment, NoticePage
from .review import BrokenLink, CommonMistake, ContentFinding, ReviewTask, WordRule
from .site_settings import Menu, MenuItem, SiteSettings
from .stories import StoryPage
from .topics import TopicPage

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "BrokenLink",
    "CaptchaChallenge",
    "ChannelPage",
    "CommonMistake",
    "ContentFinding",
    "ContentQuerySet",
    "District",
    "ErrorReport",
    "ErrorReportStatus",
    "HonourHeld",
    "HonourRollPage",
    "HonoureePage",
    "Menu",
    "MenuItem",
    "NoticeAttachment",
    "NoticePage",
    "ReleasePage",
    "ReviewTask",
    "SharedCounter",
    "SiteSettings",
    "StoryPage",
    "TopicPage",
    "WordRule",
]

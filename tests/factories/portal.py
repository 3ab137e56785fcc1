"""Factories for the portal's page types and data."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Page, Site

from home.models import HomePage
from portal.choices import Category, Level
from portal.models import (
    ArticlePage,
    ChannelPage,
    District,
    HonoureePage,
    HonourHeld,
    HonourRollPage,
    Menu,
    MenuItem,
    NoticeAttachment,
    NoticePage,
    ReleasePage,
    StoryPage,
    TopicPage,
)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试区{n}")


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"图片{n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"附件{n}")
    file = factory.django.FileField(filename="notice.pdf", data=b"%PDF-1.4\n% test attachment\n")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "文明网"
    slug = "portal-home"


class ChannelPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ChannelPage

    title = factory.Sequence(lambda n: f"栏目{n}")


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"文章标题{n}")
    lead = "文明实践活动持续开展。"
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300))
    body = factory.LazyFunction(lambda: [("paragraph", "<p>志愿者走进社区开展服务。</p>")])


class NoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"关于开展第{n}批评选工作的通知")
    document_number = factory.Sequence(lambda n: f"文明办〔2026〕{n}号")
    date = datetime.date(2026, 3, 1)


class NoticeAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeAttachment

    document = factory.SubFactory(DocumentFactory)
    title = "推荐表"


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"身边故事{n}")
    subject_name = factory.Sequence(lambda n: f"主人公{n}")
    category = Category.HELPING_OTHERS
    date = datetime.date(2026, 2, 1)


class TopicPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda n: f"专题{n}")


class HonourRollPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HonourRollPage

    title = "好人榜"
    slug = "haorenbang"


class ReleasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReleasePage

    title = factory.Sequence(lambda n: f"2026年第{n}期")
    level = Level.CITY
    year = 2026
    period_label = "第二季度"
    date = datetime.date(2026, 7, 1)


class HonoureePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HonoureePage

    title = factory.Sequence(lambda n: f"好人{n}")
    category = Category.HELPING_OTHERS
    deed = "常年照顾孤寡老人。"


class HonourHeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonourHeld

    name = "市级好人榜"
    level = Level.CITY
    date = datetime.date(2026, 7, 1)


class MenuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Menu
        django_get_or_create = ("slug",)

    name = "主导航"
    slug = "main"


class MenuItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenuItem

    menu = factory.SubFactory(MenuFactory)


def make_home_site():
    """Replace Wagtail's welcome page with a HomePage as the default site root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.site_name = "文明网"
    site.save()
    if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home

"""backup_site / restore_site: an empty database gets the same site back, pages, nominations and files."""

import shutil
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from evaluation.models import Nomination
from evaluation.pages import CampaignPage
from evaluation.services import intake
from portal.models import ArticlePage
from tests.factories.evaluation import (
    CampaignFactory,
    build_jurisdictions,
    make_id_number,
    make_staff,
    nomination_data,
    photo_upload,
)
from tests.factories.portal import (
    ArticlePageFactory,
    ChannelPageFactory,
    HonoureePageFactory,
    HonourRollPageFactory,
    ImageFactory,
    NoticeAttachmentFactory,
    NoticePageFactory,
    ReleasePageFactory,
    StoryPageFactory,
    TopicPageFactory,
    make_home_site,
)


def build_site():
    home = make_home_site()
    channel = ChannelPageFactory(parent=home, title="文明实践", slug="shijian")
    article = ArticlePageFactory(parent=channel, title="志愿服务走进柳巷社区", slug="zhiyuan")
    notice = NoticePageFactory(parent=channel, title="关于推荐第四季度身边好人的通知", slug="tongzhi")
    NoticeAttachmentFactory(notice=notice)
    story = StoryPageFactory(parent=channel, title="二十年照顾孤寡老人", slug="gushi")
    topic = TopicPageFactory(parent=home, title="文明城市创建专题", slug="zhuanti")
    roll = HonourRollPageFactory(parent=home)
    release = ReleasePageFactory(parent=roll, title="2026年第二季度", slug="2026q2")
    honouree = HonoureePageFactory(parent=release, title="刘志刚", slug="liu", photo=ImageFactory())
    campaign = CampaignFactory(title="2026年第四季度身边好人推荐")
    campaign_page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=campaign)
    home.add_child(instance=campaign_page)
    pages = [home, channel, article, notice, story, topic, roll, release, honouree, campaign_page]

    places = build_jurisdictions()
    make_staff("city_staff", "city_staff", places["city"])
    ids = [make_id_number(seq=seq) for seq in ("124", "235", "346")]
    names = ["王秀英", "李建国", "赵桂兰"]
    for index, id_number in enumerate(ids):
        photos = [photo_upload(color=(index * 60, 90, 120)) for _ in range(2 if index == 0 else 1)]
        data = nomination_data(places["hexi_street"], id_number=id_number, nominee_name=names[index], photos=photos)
        intake.submit(campaign, data)
    return pages


def site_snapshot(client):
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
        pages[page.url] = (type(page).__name__, page.title)
    nominations = {}
    for nomination in Nomination.objects.prefetch_related("photos"):
        photos = sorted(photo.file.read() for photo in nomination.photos.all())
        nominations[nomination.tracking_number] = (nomination.nominee_name, nomination.reveal_id_number(), photos)
    return pages, nominations


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(wagtail_roots, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    build_site()
    private_upload = settings.PRIVATE_MEDIA_ROOT / "nominations" / "proof.pdf"
    private_upload.parent.mkdir(parents=True)
    private_upload.write_bytes(b"%PDF-1.4 sealed submission")
    pages, nominations = site_snapshot(client)
    assert {kind for kind, _title in pages.values()} >= {
        "HomePage",
        "ChannelPage",
        "ArticlePage",
        "NoticePage",
        "StoryPage",
        "TopicPage",
        "HonourRollPage",
        "ReleasePage",
        "HonoureePage",
        "CampaignPage",
    }
    assert len(nominations) == 3 and all(id_number for _name, id_number, _photos in nominations.values())

    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), verbosity=0)
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds private data: owner only"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "private_media/nominations/proof.pdf" in names

    # A database with content is not overwritten by accident.
    ArticlePage.objects.update(title="改过的标题")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore_site", str(archive), verbosity=0)
    assert ArticlePage.objects.get().title == "改过的标题"

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    assert not get_user_model().objects.exists() and not Page.objects.exists()

    call_command("restore_site", str(archive), verbosity=0)

    assert site_snapshot(client) == (pages, nominations)
    assert private_upload.read_bytes() == b"%PDF-1.4 sealed submission"
    assert get_user_model().objects.filter(username="city_staff").exists()
    found = client.get("/search/", {"query": "志愿服务"}).context["search_results"]
    assert [page.title for page in found] == ["志愿服务走进柳巷社区"]

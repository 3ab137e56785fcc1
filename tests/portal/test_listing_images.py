"""Listing pictures: Wagtail's own image tags, on renditions loaded together (portal/models/listing.py)."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from portal.models import ArticlePage, HonoureePage
from portal.models.listing import LIST_IMAGE_SPECS, PHOTO_SPECS, prefetch_renditions
from tests.factories.portal import ArticlePageFactory, HonoureePageFactory, ImageFactory

PICTURES = (
    "{% load wagtailimages_tags %}{% for item in items %}"
    '{% srcset_image item.cover_image fill-{480x300,960x600} alt="" %}{% endfor %}'
)


def render(source, **context):
    return Template(source).render(Context(context))


def test_a_new_image_gets_its_renditions_made_on_first_view(home, channel):
    image = ImageFactory()
    ArticlePageFactory(parent=channel, cover_image=image)
    (items,) = prefetch_renditions((ArticlePage.objects.live().for_cards(), "cover_image", LIST_IMAGE_SPECS))
    html = render(PICTURES, items=items)
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(LIST_IMAGE_SPECS)
    for rendition in image.renditions.all():
        assert rendition.url in html


def test_pictures_of_several_lists_need_one_query_for_all_their_renditions(home, channel, release):
    for n in range(6):
        ArticlePageFactory(parent=channel, slug=f"j{n}", cover_image=ImageFactory())
        HonoureePageFactory(parent=release, photo=ImageFactory())
    photos = (
        "{% load wagtailimages_tags %}{% for item in items %}"
        '{% srcset_image item.photo fill-{300x400,600x800} alt="" %}{% endfor %}'
    )

    def lists():
        articles = list(ArticlePage.objects.live().for_cards())
        honourees = list(HonoureePage.objects.live().for_cards())
        return articles, honourees

    articles, honourees = lists()
    render(PICTURES, items=articles), render(photos, items=honourees)  # renditions made once
    articles, honourees = lists()
    with CaptureQueriesContext(connection) as ctx:
        prefetch_renditions((articles, "cover_image", LIST_IMAGE_SPECS), (honourees, "photo", PHOTO_SPECS))
        html = render(PICTURES, items=articles) + render(photos, items=honourees)
    assert html.count("<img") == 12 and html.count("srcset=") == 12
    assert len(ctx.captured_queries) == 1
    assert "wagtailimages_rendition" in ctx.captured_queries[0]["sql"]


def test_a_list_without_pictures_runs_no_query(home, channel):
    ArticlePageFactory(parent=channel)
    (articles,) = [list(ArticlePage.objects.live().for_cards())]
    with CaptureQueriesContext(connection) as ctx:
        prefetch_renditions((articles, "cover_image", LIST_IMAGE_SPECS))
    assert len(ctx.captured_queries) == 0

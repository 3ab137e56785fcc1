"""Listing pictures (portal/images.py): the same <img> as Wagtail's tag, from the renditions a listing loaded."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from portal.models.listing import LIST_IMAGE_FILTERS, attach_images
from tests.factories.portal import ArticlePageFactory, ImageFactory

SPEC = "fill-{480x300,960x600}"


def render(source, **context):
    return Template("{% load portal_tags wagtailimages_tags %}" + source).render(Context(context))


def test_the_picture_is_the_img_wagtails_srcset_tag_writes(db):
    image = ImageFactory(title="志愿者 & <合影>")
    ours = render(
        '{% responsive_image image "' + SPEC + '" sizes="100vw" alt=alt class="list-image" %}',
        image=image,
        alt='"好人" & 邻里',
    )
    wagtails = render(
        "{% srcset_image image " + SPEC + ' sizes="100vw" alt=alt class="list-image" %}',
        image=image,
        alt='"好人" & 邻里',
    )
    assert ours == wagtails
    assert 'alt="&quot;好人&quot; &amp; 邻里"' in ours and "fill-960x600" in ours


def test_a_new_image_gets_its_renditions_made_on_first_view(db):
    image = ImageFactory()
    assert image.renditions.count() == 0
    html = render('{% responsive_image image "' + SPEC + '" alt="" %}', image=image)
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(LIST_IMAGE_FILTERS)
    for rendition in image.renditions.all():
        assert rendition.url in html


def test_cards_of_a_listing_run_no_query_for_their_pictures(home, channel):
    for n in range(6):
        ArticlePageFactory(parent=channel, slug=f"a{n}", cover_image=ImageFactory())
    listed = type(channel).objects.get(pk=channel.pk).listed_content().specific()
    render(
        '{% for item in items %}{% responsive_image item.cover_image "' + SPEC + '" alt="" %}{% endfor %}',
        items=attach_images(listed),
    )  # renditions made once
    items = attach_images(type(channel).objects.get(pk=channel.pk).listed_content().specific())
    with CaptureQueriesContext(connection) as ctx:
        html = render(
            '{% for item in items %}{% responsive_image item.cover_image "' + SPEC + '" alt="" %}{% endfor %}',
            items=items,
        )
    assert html.count("<img") == 6
    assert len(ctx.captured_queries) == 0


def test_no_image_renders_nothing(db):
    assert render('{% responsive_image image "' + SPEC + '" alt="" %}', image=None) == ""


def test_pictures_joined_into_the_listing_need_only_one_query_for_their_renditions(home, channel):
    from portal.models import ArticlePage
    from portal.models.listing import for_cards

    for n in range(6):
        ArticlePageFactory(parent=channel, slug=f"j{n}", cover_image=ImageFactory())
    render(
        '{% for item in items %}{% responsive_image item.cover_image "' + SPEC + '" alt="" %}{% endfor %}',
        items=attach_images(for_cards(ArticlePage.objects.live())),
    )  # renditions made once
    listed = list(for_cards(ArticlePage.objects.live()))
    with CaptureQueriesContext(connection) as ctx:
        items = attach_images(listed)
        html = render(
            '{% for item in items %}{% responsive_image item.cover_image "' + SPEC + '" alt="" %}{% endfor %}',
            items=items,
        )
    assert html.count("<img") == 6 and html.count("srcset=") == 6
    assert len(ctx.captured_queries) == 1
    assert "wagtailimages_rendition" in ctx.captured_queries[0]["sql"]

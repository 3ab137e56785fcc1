"""The cards of listed pages (articles, notices, stories, honourees), written in Python.

A listing renders up to 24 cards per request. As included templates they were
a quarter to a third of a listing's render (the template engine resolves each
variable and filter node by node); here a card is one format_html() call.
Values are escaped by format_html exactly as the templates escaped them, and
the markup is the one the templates wrote. Pictures come from the renditions
the listing loaded (`listing.attach_images`, `portal/images.py`).

In templates: `{% card item level=3 %}` (portal_tags); the card of each page
type is chosen by its model.
"""

import functools
import unicodedata

from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from portal import images
from portal.models.honour_roll import PHOTO_SPEC
from portal.models.listing import LIST_IMAGE_SPEC

LIST_IMAGE_SIZES = "(max-width: 600px) 100vw, 480px"
PHOTO_SIZES = "(max-width: 600px) 50vw, (max-width: 900px) 33vw, 240px"
SUMMARY_CHARS = 90
DEED_CHARS = 40
CLOSED_BADGE = mark_safe(' <span class="badge badge--closed">已截止</span>')  # after a title
# The home carousel's two renditions: wide, and narrow for phones.
CAROUSEL_WIDE, CAROUSEL_NARROW = "fill-1200x560", "fill-800x450"


def format_html(format_string, *args):
    """django.utils.html.format_html (the same escaping), at a third of its cost: a listing calls it ~100 times."""
    return mark_safe(format_string.format(*map(images.escape, args)))  # noqa: S308 - every argument escaped above


@functools.cache
def _labels(field):
    return dict(field.flatchoices)


def _display(item, name):
    """`item.get_<name>_display()`, from the field's choices turned into a dict once."""
    value = getattr(item, name)
    return _labels(item._meta.get_field(name)).get(value, value)


def _ymd(day):
    return day.strftime("%Y-%m-%d") if day else ""


def _truncate(text, length):
    """`|truncatechars:length`. Truncator walks the text in Python; a text that fits is only NFC-normalised by it."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else Truncator(text).chars(length)


def _title(item, url, level):
    return format_html(
        '<h{} class="card__title"><a class="card__link" href="{}">{}</a></h{}>', level, url, item.title, level
    )


def _summary(text):
    return format_html('<p class="card__summary">{}</p>', _truncate(text, SUMMARY_CHARS)) if text else ""


def _cover(item):
    image = item.cover_image
    if not image:
        return ""
    attrs = {
        "sizes": LIST_IMAGE_SIZES,
        "loading": "lazy",
        "decoding": "async",
        "alt": image.default_alt_text,
        "class": "list-image",
    }
    return format_html('<div class="card__media">{}</div>', images.responsive_img(image, LIST_IMAGE_SPEC, attrs))


def article_card(item, url, level):
    source = format_html('<span class="card__meta-sep">{}</span>', item.source) if item.source else ""
    day = _ymd(item.date)
    return format_html(
        '<article class="card card--article{}"><div class="card__body">{}'
        '<p class="card__meta"><time datetime="{}">{}</time>{}</p>{}</div>{}</article>',
        " card--has-image" if item.cover_image else "",
        _title(item, url, level),
        day,
        day,
        source,
        _summary(item.summary),
        _cover(item),
    )


def notice_card(item, url, level):
    is_open = item.is_open
    closed = CLOSED_BADGE if not is_open else ""
    number = format_html('<span class="card__meta-sep">{}</span>', item.document_number) if item.document_number else ""
    deadline = ""
    if item.deadline and is_open:
        until = _ymd(item.deadline)
        deadline = format_html('<span class="card__meta-sep">截止 <time datetime="{}">{}</time></span>', until, until)
    day = _ymd(item.date)
    return format_html(
        '<article class="card card--notice"><div class="card__body">'
        '<h{} class="card__title"><a class="card__link" href="{}">{}</a>{}</h{}>'
        '<p class="card__meta"><time datetime="{}">{}</time>{}{}</p>{}</div></article>',
        level,
        url,
        item.title,
        closed,
        level,
        day,
        day,
        number,
        deadline,
        _summary(item.lead),
    )


def story_card(item, url, level):
    day = _ymd(item.date)
    return format_html(
        '<article class="card card--story{}"><div class="card__body">{}'
        '<p class="card__meta"><span class="tag">{}</span><span class="card__meta-sep">{}</span>'
        '<time class="card__meta-sep" datetime="{}">{}</time></p>{}</div>{}</article>',
        " card--has-image" if item.cover_image else "",
        _title(item, url, level),
        _display(item, "category"),
        item.subject_name,
        day,
        day,
        _summary(item.summary),
        _cover(item),
    )


def honouree_card(item, url, level):
    if item.photo:
        attrs = {
            "sizes": PHOTO_SIZES,
            "loading": "lazy",
            "decoding": "async",
            "alt": item.title,
            "class": "honouree-photo",
        }
        photo = images.responsive_img(item.photo, PHOTO_SPEC, attrs)
    else:
        photo = format_html(
            '<img class="honouree-photo honouree-photo--placeholder" src="{}" width="300" height="400" '
            'alt="{}（暂无照片）" loading="lazy">',
            static("img/photo-placeholder.svg"),
            item.title,
        )
    district = format_html('<span class="person-card__district">{}</span>', item.district.name) if item.district else ""
    deed = format_html('<p class="person-card__deed">{}</p>', _truncate(item.deed, DEED_CHARS)) if item.deed else ""
    return format_html(
        '<article class="person-card"><div class="person-card__media">{}</div><div class="person-card__body">'
        '<h{} class="person-card__name"><a class="card__link" href="{}">{}</a></h{}>'
        '<p class="person-card__meta"><span class="tag">{}</span>{}</p>{}</div></article>',
        photo,
        level,
        url,
        item.title,
        level,
        _display(item, "category"),
        district,
        deed,
    )


def headline(item, url):
    """A line of the home page's headline lists: the linked title, "closed" for a notice past its deadline, the day."""
    closed = CLOSED_BADGE if getattr(item, "is_open", True) is False else ""
    return format_html(
        '<li class="headline-list__item"><a href="{}">{}</a>{} '
        '<time class="headline-list__date" datetime="{}">{}</time></li>',
        url,
        item.title,
        closed,
        _ymd(item.date),
        item.date.strftime("%m-%d") if item.date else "",
    )


def release_link(item, url):
    """An entry of the honour roll's list of releases: title, level, year and period, publication day."""
    day = _ymd(item.date)
    return format_html(
        '<li class="release-list__item"><a class="release-list__link" href="{}">'
        '<span class="release-list__title">{}</span>'
        '<span class="release-list__meta">{} · {}年{} · <time datetime="{}">{}</time></span></a></li>',
        url,
        item.title,
        _display(item, "level"),
        item.year,
        item.period_label,
        day,
        day,
    )


def carousel_slide(item, url, number, count):
    """Slide `number` of `count` of the home carousel: its cover picture, narrow on phones, and its title."""
    image = item.cover_image
    wide, narrow = images.rendition(image, CAROUSEL_WIDE), images.rendition(image, CAROUSEL_NARROW)
    return format_html(
        '<div class="carousel__slide" role="group" aria-roledescription="幻灯片" aria-label="第 {} 张，共 {} 张">'
        '<a class="carousel__link" href="{}"><picture>'
        '<source media="(max-width: 700px)" srcset="{}" width="{}" height="{}">'
        '<img class="carousel__image" src="{}" width="{}" height="{}" alt="{}"{} decoding="async">'
        '</picture><span class="carousel__caption"><span class="carousel__title">{}</span></span></a></div>',
        number,
        count,
        url,
        images.url(narrow),
        narrow.width,
        narrow.height,
        images.url(wide),
        wide.width,
        wide.height,
        image.default_alt_text,
        "" if number == 1 else mark_safe(' loading="lazy"'),
        item.title,
    )


# By model name; anything else listed in a channel is shown as an article.
CARDS = {"noticepage": notice_card, "storypage": story_card, "honoureepage": honouree_card}


def card(item, level=2, request=None):
    """The card of a listed (specific) page, its title a heading of `level`, linked as {% pageurl %} links."""
    render = CARDS.get(item._meta.model_name, article_card)
    return render(item, item.get_url(request=request), level)

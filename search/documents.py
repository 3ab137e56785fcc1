"""What a page contributes to the site search index: weighted fields, filter values, scored terms.

A term's score is the sum of the weights of the fields it occurs in (title
and names far above the body) times 100,000, plus the page's date as a day
number: ranking by score puts title and name matches first and newer pages
first among equals.  How often a word occurs is left out on purpose: with it,
pages that hold two words equally well would rarely tie, and a search of two
words would have to read far deeper to prove its order (search/engine.py).
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import strip_tags

from .segmentation import index_terms

KINDS = {"article": 1, "notice": 2, "story": 3, "honouree": 4}
TITLE, NAME, NUMBER, LEAD, DETAIL, BYLINE, BODY = 1000, 800, 300, 100, 50, 20, 10
MAX_TERM_LENGTH = 64
DAY_ZERO = datetime.date(2000, 1, 1)
SCORE_UNIT = 100_000  # > any day number, so the date only breaks ties


@dataclass
class Document:
    page_id: int
    kind: int
    year: int | None
    category: str
    section: int | None
    scores: dict  # term -> score


def kind_of(page):
    """The search type key ("article", …) of a specific page, or None if search does not list it."""
    from portal.models import ArticlePage, HonoureePage, NoticePage, StoryPage

    for key, model in (("article", ArticlePage), ("notice", NoticePage), ("story", StoryPage)):
        if type(page) is model:
            return key
    return "honouree" if type(page) is HonoureePage else None


def _stream_text(value):
    from portal.models.mixins import stream_text

    return stream_text(value)


def weighted_fields(page, kind):
    """(weight, text) pairs of a specific page, by type."""
    if kind == "article":
        return [
            (TITLE, page.title),
            (LEAD, page.lead),
            (BODY, _stream_text(page.body)),
            (BYLINE, page.author),
            (BYLINE, page.source),
        ]
    if kind == "notice":
        return [
            (TITLE, page.title),
            (NUMBER, page.document_number),
            (BYLINE, page.issuer),
            (LEAD, page.lead),
            (BODY, _stream_text(page.body)),
        ]
    district = page.district.name if page.district_id else ""
    if kind == "story":
        return [
            (TITLE, page.title),
            (NAME, page.subject_name),
            (DETAIL, page.unit),
            (DETAIL, district),
            (LEAD, page.lead),
            (BODY, _stream_text(page.body)),
        ]
    return [  # honouree: the title is the name
        (TITLE, page.title),
        (DETAIL, page.get_category_display()),
        (DETAIL, district),
        (LEAD, page.unit),
        (LEAD, page.deed),
        (BODY, _stream_text(page.story)),
    ]


@lru_cache(maxsize=4096)
def _field_terms(text):
    """The terms of one field's text; fields repeat (sources, bylines, boilerplate)."""
    return tuple(term for term in index_terms(strip_tags(text)) if len(term) <= MAX_TERM_LENGTH)


def score_terms(fields, day):
    """term -> score for weighted fields of a page dated `day`."""
    weights = {}
    for weight, text in fields:
        if text:
            for term in _field_terms(text):
                weights[term] = weights.get(term, 0) + weight
    day_number = min(max((day - DAY_ZERO).days, 0), SCORE_UNIT - 1) if day else 0
    return {term: weight * SCORE_UNIT + day_number for term, weight in weights.items()}


def section_path(path):
    """Path of the top-level channel (depth 3) holding a page at `path`, or None."""
    return path[:12] if len(path) > 12 else None


def document_for(page, kind, section_id):
    """The index document of a live, public, specific page."""
    day = page.release_date if kind == "honouree" else page.date
    return Document(
        page_id=page.pk,
        kind=KINDS[kind],
        year=day.year if day else None,
        category=getattr(page, "category", "") or "",
        section=section_id,
        scores=score_terms(weighted_fields(page, kind), day),
    )

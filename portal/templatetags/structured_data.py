"""JSON-LD for search engines: NewsArticle on articles, notices and stories; ItemList on releases.

Only what the page itself shows publicly goes in. The JSON is escaped like
Django's json_script, so no value can close the <script> element.
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.models import ArticlePage, NoticePage, ReleasePage, SiteSettings, StoryPage

register = template.Library()

# The same escapes as django.utils.html.json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
HEADLINE_MAX = 110


def _organisation(name):
    return {"@type": "Organization", "name": name}


def _image_url(request, image):
    if image is None:
        return None
    return request.build_absolute_uri(image.get_rendition("fill-1200x675").url)


def news_article(page, request, office_name):
    """NewsArticle data for an article, notice or story."""
    if isinstance(page, NoticePage):
        author = page.issuer or office_name
        image = None
    elif isinstance(page, StoryPage):
        author = page.unit or office_name
        image = page.cover_image
    else:
        author = page.source or office_name
        image = page.cover_image
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:HEADLINE_MAX],
        "description": page.summary,
        "datePublished": page.date.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "zh-CN",
        "author": _organisation(author),
        "publisher": _organisation(office_name),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    image_url = _image_url(request, image)
    if image_url:
        data["image"] = [image_url]
    return data


def release_list(page, request, office_name, honourees):
    """ItemList data for a release of the honour roll: the names and pages of the honourees shown."""
    honourees = list(honourees)
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": page.title,
        "description": page.intro or page.title,
        "url": page.get_full_url(request),
        "datePublished": page.date.isoformat(),
        "publisher": _organisation(office_name),
        "numberOfItems": len(honourees),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": honouree.title, "url": honouree.get_full_url(request)}
            for position, honouree in enumerate(honourees, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """A <script type="application/ld+json"> for the page types that have one, else nothing."""
    request = context.get("request")
    page = getattr(page, "specific", page)
    if request is None:
        return ""
    # The context's lazy site settings (portal.context_processors), else Wagtail's lookup.
    office_name = (context.get("site_settings") or SiteSettings.for_request(request)).office_name
    if isinstance(page, (ArticlePage, NoticePage, StoryPage)):
        data = news_article(page, request, office_name)
    elif isinstance(page, ReleasePage):
        # The honourees the page lists (a category filter narrows them), else all of the release.
        listing = context.get("listing")
        data = release_list(page, request, office_name, listing.honourees if listing else page.honourees())
    else:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above

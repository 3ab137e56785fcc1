"""The broken-link check: links on live pages to unpublished or missing pages, missing documents, failing URLs.

`manage.py check_links` runs it and replaces the `BrokenLink` rows the report shows.
"""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import transaction
from django.utils import timezone
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .choices import LinkKind
from .models import BrokenLink

USER_AGENT = "wenming-portal-link-check/1.0"


@dataclass(frozen=True)
class Link:
    page_id: int
    location: str
    kind: str
    target: str


class _AnchorParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attrs = dict(attrs)
        linktype = attrs.get("linktype")
        if linktype == "page" and attrs.get("id"):
            self.links.append((LinkKind.PAGE, attrs["id"]))
        elif linktype == "document" and attrs.get("id"):
            self.links.append((LinkKind.DOCUMENT, attrs["id"]))
        elif attrs.get("href", "").startswith(("http://", "https://")):
            self.links.append((LinkKind.EXTERNAL, attrs["href"]))


def richtext_links(html):
    parser = _AnchorParser()
    parser.feed(html or "")
    return parser.links


def page_links(page):
    """Every link in a page's rich text and StreamField blocks, with its location."""
    for field in page._meta.concrete_fields:
        label = str(field.verbose_name)
        value = getattr(page, field.attname, None)
        if isinstance(field, RichTextField):
            for kind, target in richtext_links(value):
                yield Link(page.pk, label, kind, str(target))
        elif isinstance(field, StreamField) and value:
            for index, child in enumerate(value):
                location = f"{label} › 第{index + 1}块（{child.block.label}）"
                # Raw data keeps the ids of deleted pages and documents (their native values are None).
                raw = value.raw_data[index]["value"]
                for kind, target, where in _raw_links(child.block, raw, location):
                    yield Link(page.pk, where, kind, str(target))


def _raw_links(block, raw, location):
    if raw in (None, "", []):
        return
    if isinstance(block, blocks.RichTextBlock):
        for kind, target in richtext_links(raw):
            yield kind, target, location
    elif isinstance(block, blocks.PageChooserBlock):
        yield LinkKind.PAGE, raw, location
    elif isinstance(block, DocumentChooserBlock):
        yield LinkKind.DOCUMENT, raw, location
    elif isinstance(block, blocks.URLBlock) and str(raw).startswith(("http://", "https://")):
        yield LinkKind.EXTERNAL, raw, location
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _raw_links(child, raw.get(name), f"{location} › {child.label}")
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw):
            item = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from _raw_links(block.child_block, item, f"{location} › 第{index + 1}项")
    elif isinstance(block, blocks.StreamBlock):
        for index, item in enumerate(raw):
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from _raw_links(child, item.get("value"), f"{location} › 第{index + 1}块（{child.label}）")


def fetch_status(url, timeout):
    """None if the URL answers below 400, else a Chinese reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"无法访问：{reason}"[:255]
        if method == "HEAD" and status in (405, 501):
            continue  # some servers refuse HEAD; ask with GET
        return None if status < 400 else f"HTTP {status}"
    return None


def find_broken_links(pages=None, timeout=5.0, workers=8):
    """Check the links of live pages; return [(Link, reason)]."""
    pages = pages if pages is not None else Page.objects.live().specific()
    links = [link for page in pages for link in page_links(page)]

    page_ids = {int(link.target) for link in links if link.kind == LinkKind.PAGE and str(link.target).isdigit()}
    live = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "live"))
    document_ids = {int(link.target) for link in links if link.kind == LinkKind.DOCUMENT and link.target.isdigit()}
    documents = set(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", flat=True))
    urls = sorted({link.target for link in links if link.kind == LinkKind.EXTERNAL})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        url_reasons = dict(zip(urls, pool.map(lambda url: fetch_status(url, timeout), urls), strict=True))

    broken = []
    for link in links:
        if link.kind == LinkKind.PAGE:
            target_id = int(link.target) if link.target.isdigit() else None
            if target_id not in live:
                broken.append((link, "链接的页面已删除"))
            elif not live[target_id]:
                broken.append((link, "链接的页面未发布"))
        elif link.kind == LinkKind.DOCUMENT:
            if not link.target.isdigit() or int(link.target) not in documents:
                broken.append((link, "链接的附件已删除"))
        elif url_reasons.get(link.target):
            broken.append((link, url_reasons[link.target]))
    return broken


def check_links(timeout=5.0):
    """Run the check over every live page and replace the stored results; return the broken links."""
    broken = find_broken_links(timeout=timeout)
    now = timezone.now()
    with transaction.atomic():
        BrokenLink.objects.all().delete()
        BrokenLink.objects.bulk_create(
            BrokenLink(
                page_id=link.page_id,
                location=link.location[:255],
                kind=link.kind,
                target=link.target[:2000],
                reason=reason,
                checked_at=now,
            )
            for link, reason in broken
        )
    return broken

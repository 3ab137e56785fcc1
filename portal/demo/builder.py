"""Adding, publishing and back-dating demo pages; turning compact text specs into StreamField data."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from wagtail.models import Page, PageLogEntry, Revision

TZ = ZoneInfo(settings.TIME_ZONE)


def moment(day, rng=None, hour=None):
    """An aware datetime on `day` during office hours."""
    if isinstance(day, datetime.datetime):
        return day
    if hour is None:
        hour = rng.randint(8, 17) if rng else 9
    minute = rng.randint(0, 59) if rng else 30
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


class Publisher:
    """Adds pages under a parent, publishes them as `user`, and dates them like real publications."""

    def __init__(self, user, rng):
        self.user = user
        self.rng = rng
        self.counts = Counter()

    def add(self, parent, page, day=None):
        when = moment(day or datetime.date.today(), self.rng)
        page.first_published_at = when
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.user)
        revision.publish(user=self.user)
        self._backdate(page, revision, when)
        self.counts[type(page).__name__] += 1
        return page

    def republish(self, page, day=None):
        """Publish a new revision of an existing page (after changing fields that point at later pages)."""
        when = page.last_published_at if day is None else moment(day, self.rng)
        revision = page.save_revision(user=self.user)
        revision.publish(user=self.user)
        self._backdate(page, revision, when)
        return page

    def _backdate(self, page, revision, when):
        Page.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )
        Revision.objects.filter(pk=revision.pk).update(created_at=when)
        PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=when)
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = when


def paragraph(text):
    return {"type": "paragraph", "value": "".join(f"<p>{part}</p>" for part in text.split("\n"))}


def stream(lines, image=None, documents=None, image_alt=""):
    """Build BodyBlock raw data from compact lines.

    "## text" is a heading, "> text｜who" a quote, "[img] caption" the page's image,
    "[doc:key] title" an attachment, "- a；b；c" a bullet list; anything else a paragraph.
    """
    blocks = []
    for line in lines:
        if line.startswith("## "):
            blocks.append({"type": "heading", "value": line[3:]})
        elif line.startswith("> "):
            text, _sep, who = line[2:].partition("｜")
            blocks.append({"type": "quote", "value": {"text": text, "attribution": who}})
        elif line.startswith("[img]"):
            if image is not None:
                caption = line[5:].strip()
                blocks.append(
                    {"type": "image", "value": {"image": image.pk, "alt": image_alt or caption, "caption": caption}}
                )
        elif line.startswith("[doc:"):
            key, _sep, title = line[5:].partition("]")
            document = (documents or {}).get(key)
            if document is not None:
                blocks.append({"type": "attachment", "value": {"document": document.pk, "title": title.strip()}})
        elif line.startswith("- "):
            items = "".join(f"<li>{item}</li>" for item in line[2:].split("；"))
            blocks.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        else:
            blocks.append(paragraph(line))
    return blocks


def fill(template, **slots):
    """str.format over a string, a list of strings, or a tuple of them."""
    if isinstance(template, str):
        return template.format(**slots)
    return [fill(item, **slots) for item in template]


RURAL_MARKERS = ("村民", "村党支部", "村集体", "村里", "乡村", "山里", "山区", "乡亲")
URBAN_MARKERS = ("楼里",)


def setting_of(template):
    """ "rural" or "urban" when a template's text needs a village or a city street, else None."""
    text = "".join(part if isinstance(part, str) else "".join(part) for part in template if part)
    if any(marker in text for marker in RURAL_MARKERS):
        return "rural"
    if any(marker in text for marker in URBAN_MARKERS):
        return "urban"
    return None

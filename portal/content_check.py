"""The content check: configured words (禁止/提示) and common mistakes, found with their positions.

One service for every text the site publishes: page titles, text fields, rich
text and StreamField blocks here, and (through `check_text` / `check_fields`)
the evaluation module's comments and public forms.
"""

import html
import re
from dataclasses import asdict, dataclass

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

from .choices import CheckLevel

# Page fields that hold no editor text, or text derived from other fields.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "search_text", "latest_revision_created_at"}


@dataclass(frozen=True)
class Finding:
    """One match: where (field path, Chinese location label, character offset), what, and how serious."""

    path: str
    location: str
    offset: int
    text: str
    level: str
    note: str = ""
    suggestion: str = ""

    @property
    def forbidden(self):
        return self.level == CheckLevel.FORBIDDEN

    @property
    def level_label(self):
        return CheckLevel(self.level).label

    def describe(self):
        """A one-line Chinese description, e.g. 正文 › 第2块（段落）第5字：“再接再励”，应为“再接再厉”."""
        line = f"{self.location}第{self.offset + 1}字：“{self.text}”"
        if self.suggestion:
            line += f"，应为“{self.suggestion}”"
        if self.note:
            line += f"（{self.note}）"
        return line

    def as_dict(self):
        return {**asdict(self), "level_label": self.level_label}


@dataclass(frozen=True)
class _Rule:
    text: str
    level: str
    note: str
    suggestion: str


class Rules:
    """The active word list and mistakes list, matched in one pass (longest match first)."""

    def __init__(self, rules):
        self.rules = {}
        for rule in rules:
            # A word on the word list wins over the same text on the mistakes list.
            self.rules.setdefault(rule.text, rule)
        words = sorted(self.rules, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(word) for word in words)) if words else None

    @classmethod
    def load(cls):
        # By name: the review task model calls this module, so importing the models here would be a cycle.
        WordRule = apps.get_model("portal", "WordRule")  # noqa: N806
        CommonMistake = apps.get_model("portal", "CommonMistake")  # noqa: N806

        rules = [
            _Rule(word, level, note, "")
            for word, level, note in WordRule.objects.filter(active=True).values_list("word", "level", "note")
        ]
        rules += [
            _Rule(wrong, level, note, right)
            for wrong, right, level, note in CommonMistake.objects.filter(active=True).values_list(
                "wrong", "right", "level", "note"
            )
        ]
        return cls(rules)

    def find(self, text, path="", location=""):
        if not text or self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            rule = self.rules[match.group()]
            found.append(Finding(path, location, match.start(), rule.text, rule.level, rule.note, rule.suggestion))
        return found


BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(value):
    """What a reader sees of rich text: no tags, entities decoded, a line break between paragraphs.

    Offsets count these characters, so a word split by inline markup is still found,
    but never one made of the end of one paragraph and the start of the next.
    """
    return html.unescape(strip_tags(BLOCK_END.sub("\n", value or "")))


def check_text(text, *, path="", location="", rules=None):
    """Findings in one plain text (a comment, a form field)."""
    return (rules or Rules.load()).find(text, path, location)


def check_fields(values, *, labels=None, rules=None):
    """Findings in a mapping of field name → plain text (public forms, comments)."""
    rules = rules or Rules.load()
    labels = labels or {}
    found = []
    for name, text in values.items():
        found += rules.find(text, name, labels.get(name, name))
    return found


def check_page(page, *, rules=None):
    """Findings in a page's title, text fields, rich text and StreamField blocks, in field order."""
    rules = rules or Rules.load()
    found = []
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or not field.editable:
            continue
        value = getattr(page, field.attname, None)
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            for path, location, text in _stream_texts(value, field.name, label):
                found += rules.find(text, path, location)
        elif isinstance(field, RichTextField):
            found += rules.find(plain_text(value), field.name, label)
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            found += rules.find(value, field.name, label)
    return found


def forbidden(findings):
    return [finding for finding in findings if finding.forbidden]


def summary(findings, limit=10):
    """Chinese list of findings for a message; the rest counted."""
    lines = [finding.describe() for finding in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"另有{len(findings) - limit}处")
    return "；".join(lines)


def _stream_texts(stream_value, name, label):
    """(path, location, plain text) of every text inside a StreamField value."""
    if not stream_value:
        return
    for index, child in enumerate(stream_value):
        path = f"{name}.{index}"
        location = f"{label} › 第{index + 1}块（{child.block.label}）"
        yield from _block_texts(child.block, child.value, path, location)


def _block_texts(block, value, path, location):
    if isinstance(block, blocks.RichTextBlock) or isinstance(value, RichText):
        yield path, location, plain_text(value.source if isinstance(value, RichText) else value)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield path, location, value or ""
    elif isinstance(block, blocks.StructBlock):
        for child_name, child_block in block.child_blocks.items():
            yield from _block_texts(
                child_block, value.get(child_name), f"{path}.{child_name}", f"{location} › {child_block.label}"
            )
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            yield from _block_texts(block.child_block, item, f"{path}.{index}", f"{location} › 第{index + 1}项")
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            yield from _block_texts(
                child.block, child.value, f"{path}.{index}", f"{location} › 第{index + 1}块（{child.block.label}）"
            )

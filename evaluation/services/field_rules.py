"""Intake's rules for single fields of a nomination, shared by `cleaning.clean()` and staff corrections.

Each cleaner takes a raw value and returns it cleaned, or raises ValidationError with intake's
Chinese messages; `clean_material` runs them on the fields staff may correct after intake
(the admin's edit form and `lifecycle.update_material`), so a correction is refused with the
same words as the nomination form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from evaluation.choices import Category, JurisdictionKind
from evaluation.models import Jurisdiction
from evaluation.services import members as members_rules
from portal import content_check

NAME_RE = re.compile(r"^[\u4e00-\u9fa5A-Za-z·•.\s]{2,30}$")
NON_FIELD = "__all__"
LABELS = {
    "method": "推荐方式",
    "channel": "推荐渠道",
    "nominee_name": "被推荐人姓名",
    "gender": "性别",
    "birth_year": "出生年份",
    "id_number": "身份证号码",
    "jurisdiction": "所在县（市、区）或单位",
    "unit": "工作单位或身份",
    "category": "推荐类别",
    "story": "主要事迹",
    "photos": "照片",
    "nominator_name": "推荐人姓名",
    "nominator_phone": "推荐人手机号",
    "consent": "本人同意公开姓名、照片和事迹（本人自荐时必须勾选）",
    "subject_kind": "推荐对象",
    "members": "群体成员",
    "contact_name": "群体联系人",
    "contact_phone": "联系人手机号",
}
CHOSEN = {"method", "channel", "gender", "jurisdiction", "category", "subject_kind"}
UNIT_MAX_CHARS = 100


class NominationInvalid(ValidationError):
    """A nomination was refused; `errors` maps field names (or "__all__") to Chinese messages."""

    def __init__(self, errors):
        self.errors = {name: list(messages) for name, messages in errors.items() if messages}
        super().__init__([m for messages in self.errors.values() for m in messages], code="invalid")


def neutralise(text):
    """Plain text only: tags are dropped, whitespace kept readable."""
    text = strip_tags(text or "")
    return re.sub(r"[ \t]+", " ", text).strip()


def required_message(name):
    return f"请{'选择' if name in CHOSEN else '填写'}{LABELS[name]}。"


def jurisdiction_choices():
    """Districts and grassroots organisations a nominee can belong to."""
    return Jurisdiction.objects.filter(depth__gte=2).exclude(kind=JurisdictionKind.CITY).order_by("path")


def check_story(campaign, story):
    length = len(story)
    if length < campaign.story_min_chars:
        raise ValidationError(f"事迹材料不少于{campaign.story_min_chars}字，当前{length}字。", code="story_short")
    if length > campaign.story_max_chars:
        raise ValidationError(f"事迹材料不超过{campaign.story_max_chars}字，当前{length}字。", code="story_long")


def text_value(value):
    return "" if value is None else str(value).strip()


def choice_value(value, choices):
    """The stored value for `value` given as a value or as its Chinese label, or None."""
    for stored, label in choices:
        if value in (stored, label):
            return stored
    return None


def find_jurisdiction(value):
    allowed = jurisdiction_choices()
    if isinstance(value, Jurisdiction):
        return value if allowed.filter(pk=value.pk).exists() else None
    text = text_value(value)
    return allowed.filter(pk=int(text)).first() if text.isdigit() else None


def forbidden_words(name, text, rules=None):
    """Refusals for the 禁止 words in one free-text field.

    The site's one content check (the 敏感词 list editors keep for pages); its 提示 words are
    for reviewers and do not stop a nomination. Pass `rules` to load the list once for many fields.
    """
    findings = content_check.check_fields({name: text}, rules=rules)
    return [f"{LABELS[name]}含有不允许使用的词语“{f.text}”，请修改。" for f in findings if f.forbidden]


def _refuse(messages):
    if messages:
        raise ValidationError(messages, code="invalid")


def clean_nominee_name(value, *, group=False, rules=None):
    """A person's name (or a group's), plain text, without forbidden words."""
    name = neutralise(text_value(value))
    if not name:
        raise ValidationError(required_message("nominee_name"), code="required")
    messages = []
    if group and not members_rules.GROUP_NAME_RE.match(name):
        messages.append("群体名称应为2至50个字（汉字、字母、数字）。")
    elif not group and not NAME_RE.match(name):
        messages.append("被推荐人姓名应为2至30个汉字或字母。")
    _refuse(messages + forbidden_words("nominee_name", name, rules))
    return name


def clean_unit(value, *, rules=None):
    """Work unit or role (may be empty), plain text, at most UNIT_MAX_CHARS, without forbidden words."""
    unit = neutralise(text_value(value))
    messages = []
    if len(unit) > UNIT_MAX_CHARS:
        messages.append(f"工作单位或身份不超过{UNIT_MAX_CHARS}字，当前{len(unit)}字。")
    _refuse(messages + forbidden_words("unit", unit, rules))
    return unit


def clean_story(campaign, value, *, rules=None):
    """The deeds, plain text, within the campaign's length limits, without forbidden words."""
    story = neutralise(text_value(value))
    if not story:
        raise ValidationError(required_message("story"), code="required")
    messages = []
    try:
        check_story(campaign, story)
    except ValidationError as exc:
        messages.extend(exc.messages)
    _refuse(messages + forbidden_words("story", story, rules))
    return story


def clean_category(campaign, value):
    """A category (its value or Chinese label) that this campaign evaluates."""
    text = text_value(value)
    if not text:
        raise ValidationError(required_message("category"), code="required")
    allowed = "、".join(label for _, label in campaign.category_choices)
    category = choice_value(text, Category.choices)
    if category is None:
        raise ValidationError(f"推荐类别应为以下之一：{allowed}。", code="invalid")
    if category not in (campaign.categories or []):
        raise ValidationError(f"本次活动不评选“{Category(category).label}”，可选类别：{allowed}。", code="invalid")
    return category


def clean_jurisdiction(value):
    """A district or grassroots organisation (instance or primary key) a nominee can belong to."""
    if not text_value(value):
        raise ValidationError(required_message("jurisdiction"), code="required")
    jurisdiction = find_jurisdiction(value)
    if jurisdiction is None:
        raise ValidationError(f"所选的{LABELS['jurisdiction']}不存在，请重新选择。", code="invalid")
    return jurisdiction


def clean_person_name(name, value, *, rules=None):
    """The nominator's or a group contact's name: 2 to 30 characters, without forbidden words."""
    text = neutralise(text_value(value))
    if not text:
        raise ValidationError(required_message(name), code="required")
    messages = forbidden_words(name, text, rules)
    if not 2 <= len(text) <= 30:
        who = "推荐人姓名" if name == "nominator_name" else "群体联系人姓名"
        messages.append(f"{who}应为2至30个字。")
    _refuse(messages)
    return text


# The material staff may correct after intake; other fields (such as 优先评选) pass through unchanged.
MATERIAL_FIELDS = ("nominee_name", "unit", "category", "story", "jurisdiction")


def clean_material(campaign, values, *, group=False):
    """Corrected material of a nomination by intake's rules: cleaned values, or NominationInvalid by field."""
    rules = content_check.Rules.load()
    cleaners = {
        "nominee_name": lambda value: clean_nominee_name(value, group=group, rules=rules),
        "unit": lambda value: clean_unit(value, rules=rules),
        "story": lambda value: clean_story(campaign, value, rules=rules),
        "category": lambda value: clean_category(campaign, value),
        "jurisdiction": clean_jurisdiction,
    }
    cleaned, errors = dict(values), {}
    for name in MATERIAL_FIELDS:
        if name in values:
            try:
                cleaned[name] = cleaners[name](values[name])
            except ValidationError as exc:
                errors[name] = exc.messages
    if errors:
        raise NominationInvalid(errors)
    return cleaned

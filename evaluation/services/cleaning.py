"""The rules of a nomination, written once: raw input in, `NominationData` or field errors out.

Every way in (the public form, the API, organisation spreadsheets, reserve carry-over)
calls `clean()`; each only translates its input into the raw mapping and the errors
into its own display. The rules of single fields are in field_rules.py, shared with the
corrections staff make after intake. Messages never repeat an ID number or a phone.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation.choices import (
    Gender,
    Level,
    NominationChannel,
    NominationMethod,
    StageKind,
    SubjectKind,
)
from evaluation.models import HeldTitle
from evaluation.privacy import crypto
from evaluation.services import members as members_rules
from evaluation.services.field_rules import (
    LABELS,
    NAME_RE,
    NON_FIELD,
    NominationInvalid,
    choice_value,
    clean_category,
    clean_jurisdiction,
    clean_nominee_name,
    clean_person_name,
    clean_story,
    clean_unit,
    find_jurisdiction,
    neutralise,
    required_message,
    text_value,
)
from evaluation.validators import (
    birth_year_from_id,
    gender_from_id,
    normalise_id_number,
    validate_id_number,
    validate_phone,
)
from portal import content_check

# What a group (群体) needs instead of a person's ID number, gender and birth year.
GROUP_REQUIRED = ("contact_name", "contact_phone")
SUBJECT_ALIASES = {"群体": SubjectKind.COLLECTIVE, "团队": SubjectKind.COLLECTIVE, "家庭": SubjectKind.COLLECTIVE}
# Gender and birth year may be left empty: the ID number says both.
REQUIRED = (
    "method",
    "channel",
    "nominee_name",
    "id_number",
    "jurisdiction",
    "category",
    "story",
    "nominator_name",
    "nominator_phone",
)
# Checked, when missing too, by their own cleaners (clean_nominee_name and the rest), which the edit form shares.
SELF_CLEANED = {"nominee_name", "category", "story", "jurisdiction", "nominator_name", "contact_name"}
FIRST_BIRTH_YEAR = 1900
CLOSED_MESSAGE = "本次活动当前不在推荐阶段，暂不接受推荐。"
FALSE_WORDS = {"", "0", "false", "off", "no"}


@dataclass
class NominationData:
    """Cleaned fields of one nomination, as `clean()` returns them."""

    method: str
    channel: str
    category: str
    nominee_name: str
    gender: str
    birth_year: int
    id_number: str
    jurisdiction: object
    unit: str
    story: str
    nominator_name: str
    nominator_phone: str
    consent: bool = False
    photos: list = field(default_factory=list)
    subject_kind: str = SubjectKind.PERSON
    members: list = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""

    @property
    def is_group(self):
        return self.subject_kind == SubjectKind.COLLECTIVE


def check_stage_open(campaign):
    """Public channels take nominations only while the nomination stage is open."""
    if not campaign.stage_is_open(StageKind.NOMINATION):
        raise NominationInvalid({NON_FIELD: [CLOSED_MESSAGE]})


def check_eligibility(campaign, id_number, *, detailed=False):
    """Refuse people who already hold this level's title or a higher one.

    Only staff channels (`detailed`) learn which title and when: on a public
    form that would tell anyone with an ID number what honours its holder has.
    """
    check_held_titles(campaign.level, crypto.keyed_hash(id_number), detailed=detailed)


def check_held_titles(level, id_number_hash, *, detailed=False):
    """The eligibility rule by keyed hash: also used when an honouree is put forward a level up."""
    rank = Level.rank(level)
    # A revoked title no longer counts: the person may be nominated again.
    for title in HeldTitle.objects.filter(id_number_hash=id_number_hash, revoked_at__isnull=True):
        if Level.rank(title.level) < rank:
            continue
        if not detailed:
            raise ValidationError("被推荐人不符合本次活动的推荐条件。", code="ineligible")
        raise ValidationError(
            f"被推荐人已获得“{title.title}”（{title.get_level_display()}，{title.awarded_on:%Y年%m月}），"
            f"按规定不再作为{Level(level).label}推荐对象。",
            code="ineligible",
        )


def _birth_year(value):
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = text_value(value)
    return int(text) if text.isdigit() and len(text) == 4 else None


def _consent(value):
    return text_value(value).lower() not in FALSE_WORDS if isinstance(value, str) else bool(value)


def clean(
    campaign, raw: Mapping[str, object], *, photos=(), public=True, require_phone=True, eligibility=True
) -> NominationData:
    """Every rule of a nomination on `raw` (form, API, spreadsheet row or reserve entry).

    Returns NominationData or raises NominationInvalid with every problem found, by field.
    `public` channels need the nomination stage open and get a refusal that names no title;
    `require_phone=False` is for staff carrying an entry on their own account; `eligibility=False`
    skips the held-titles check while a captcha is unsolved, so it cannot be probed for free.
    """
    if public:
        check_stage_open(campaign)
    errors = {}

    def fail(name, *messages):
        errors.setdefault(name, []).extend(messages)

    def field(name, cleaner, *args, **kwargs):
        """The cleaner's value, or None with its refusals recorded against `name`."""
        try:
            return cleaner(*args, **kwargs)
        except ValidationError as exc:
            fail(name, *exc.messages)
            return None

    rules = content_check.Rules.load()
    text = {name: text_value(raw.get(name)) for name in LABELS if name not in ("photos", "consent", "members")}
    for name in ("nominee_name", "unit", "story", "nominator_name", "contact_name"):
        text[name] = neutralise(text[name])
    kind = SUBJECT_ALIASES.get(text["subject_kind"]) or choice_value(
        text["subject_kind"] or "person", SubjectKind.choices
    )
    if kind is None:
        fail("subject_kind", "推荐对象应为“个人”或“群体”。")
    group = kind == SubjectKind.COLLECTIVE
    required = [n for n in REQUIRED if not (group and n == "id_number")] + (list(GROUP_REQUIRED) if group else [])
    for name in required:
        if name in SELF_CLEANED:
            continue  # their cleaners below say when they are missing
        if not text[name] and not (name == "nominator_phone" and not require_phone):
            fail(name, required_message(name))

    method = choice_value(text["method"], NominationMethod.choices)
    channel = choice_value(text["channel"], NominationChannel.choices)
    gender = choice_value(text["gender"], Gender.choices)
    for name, value, choices in (
        ("method", method, NominationMethod.choices),
        ("channel", channel, NominationChannel.choices),
        ("gender", gender, Gender.choices),
    ):
        if text[name] and value is None:
            fail(name, f"{LABELS[name]}应为以下之一：{'、'.join(label for _, label in choices)}。")

    category = field("category", clean_category, campaign, raw.get("category"))
    nominee_name = field("nominee_name", clean_nominee_name, raw.get("nominee_name"), group=group, rules=rules)
    if group and text["id_number"]:
        fail("id_number", "群体推荐不填身份证号码；成员的身份证号码请写在“群体成员”中。")

    this_year = timezone.localdate().year
    birth_year = _birth_year(raw.get("birth_year"))
    if text["birth_year"] and birth_year is None:
        fail("birth_year", "出生年份应为四位数字年份，例如1968。")
    elif birth_year is not None and not FIRST_BIRTH_YEAR <= birth_year <= this_year:
        fail("birth_year", f"出生年份应在{FIRST_BIRTH_YEAR}年至{this_year}年之间。")

    id_number = normalise_id_number(text["id_number"])
    if id_number:
        try:
            id_number = validate_id_number(id_number)
        except ValidationError as exc:
            fail("id_number", *exc.messages)
    if id_number and "id_number" not in errors:
        if gender is None and not text["gender"]:
            gender = gender_from_id(id_number)
        elif gender is not None and gender != gender_from_id(id_number):
            fail("gender", "性别与身份证号码不一致。")
        if birth_year is None and not text["birth_year"]:
            birth_year = birth_year_from_id(id_number)
        elif "birth_year" not in errors and birth_year != birth_year_from_id(id_number):
            fail("birth_year", "出生年份与身份证号码不一致。")
        if eligibility:
            try:
                check_eligibility(campaign, id_number, detailed=not public)
            except ValidationError as exc:
                fail("id_number", *exc.messages)
            if "id_number" not in errors and members_rules.in_a_group(campaign, id_number):
                fail("id_number", _duplicate_message("被推荐人", public))

    jurisdiction = field("jurisdiction", clean_jurisdiction, raw.get("jurisdiction"))
    unit = field("unit", clean_unit, raw.get("unit"), rules=rules)
    story = field("story", clean_story, campaign, raw.get("story"), rules=rules)
    nominator_name = field(
        "nominator_name", clean_person_name, "nominator_name", raw.get("nominator_name"), rules=rules
    )
    phone = ""
    if text["nominator_phone"]:
        try:
            phone = validate_phone(text["nominator_phone"])
        except ValidationError as exc:
            fail("nominator_phone", *exc.messages)
    members, contact_name, contact_phone = [], "", ""
    if group:
        members = members_rules.clean_members(raw.get("members"), name_re=NAME_RE, fail=fail)
        if eligibility:
            _check_members(campaign, members, text, raw, public, fail)
        contact_name = field("contact_name", clean_person_name, "contact_name", raw.get("contact_name"), rules=rules)
        if text["contact_phone"]:
            try:
                contact_phone = validate_phone(text["contact_phone"])
            except ValidationError as exc:
                fail("contact_phone", *exc.messages)
        gender, birth_year = "", None
    consent = _consent(raw.get("consent"))
    if method == NominationMethod.SELF and not consent:
        fail("consent", "本人自荐须勾选同意公开事迹。")

    if errors:
        raise NominationInvalid(errors)
    return NominationData(
        method=method,
        channel=channel,
        category=category,
        nominee_name=nominee_name,
        gender=gender,
        birth_year=birth_year,
        id_number=id_number,
        jurisdiction=jurisdiction,
        unit=unit,
        story=story,
        nominator_name=nominator_name,
        nominator_phone=phone,
        consent=consent,
        photos=list(photos),
        subject_kind=kind or SubjectKind.PERSON,
        members=members,
        contact_name=contact_name,
        contact_phone=contact_phone,
    )


def _duplicate_message(who, public):
    # A public form does not learn who else was nominated: the refusal names no reason.
    return (
        f"{who}不符合本次活动的推荐条件。"
        if public
        else f"{who}已在本次活动中被推荐（个人或群体），同一人不能重复推荐。"
    )


def _check_members(campaign, members, text, raw, public, fail):
    """Each member with an ID number: the eligibility rule and the one-nomination-per-person rule."""
    existing = members_rules.same_group(campaign, text["nominee_name"], find_jurisdiction(raw.get("jurisdiction")))
    for member in members:
        if not member.id_number:
            continue
        try:
            check_eligibility(campaign, member.id_number, detailed=not public)
        except ValidationError as exc:
            fail("members", *(f"成员{member.name}：{m}" for m in exc.messages))
            continue
        if members_rules.already_nominated(campaign, member.id_number, except_group=existing):
            fail("members", _duplicate_message(f"成员{member.name}", public))

"""The members of a nominated group (群体): parsed from any channel, checked one by one.

A group is entered as lines, one member each — `姓名，角色，身份证号码` with the role
and the ID number optional — in the form's text box, the API's `members` field and
the spreadsheet's 群体成员 cell alike; the API also takes a list of objects.  Each
member with an ID number is held to the same eligibility rule as a person, and to the
duplicate rule: nobody is nominated twice in one campaign, alone or in a group.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from evaluation.choices import SubjectKind
from evaluation.models import GroupMember, Nomination
from evaluation.privacy import crypto
from evaluation.validators import normalise_id_number, validate_id_number

MIN_MEMBERS = 2
MAX_MEMBERS = 50
ROLE_MAX_CHARS = 30
SEPARATORS = re.compile(r"[，,、\t]+")
GROUP_NAME_RE = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9·•.“”\"（）()\-\s]{2,50}$")


@dataclass(frozen=True)
class MemberData:
    name: str
    role: str = ""
    id_number: str = ""


def _rows(value):
    """[(name, role, id_number)] from lines of text or from a list of mappings / sequences."""
    if value is None:
        return []
    if isinstance(value, str):
        rows = []
        for line in value.splitlines():
            parts = [p.strip() for p in SEPARATORS.split(line.strip()) if p.strip()]
            if parts:
                rows.append((parts + ["", ""])[:3] if len(parts) <= 3 else parts)
        return rows
    rows = []
    for item in value:
        if isinstance(item, dict):
            rows.append((str(item.get("name") or ""), str(item.get("role") or ""), str(item.get("id_number") or "")))
        else:
            rows.append(tuple((list(map(str, item)) + ["", "", ""])[:3]))
    return rows


def clean_members(value, *, name_re, fail):
    """MemberData for each member; problems go to `fail("members", message)`, naming the line."""
    members, seen = [], set()
    rows = _rows(value)
    if len(rows) < MIN_MEMBERS:
        fail("members", f"群体推荐请至少填写{MIN_MEMBERS}名成员，每行一人：姓名，角色，身份证号码（选填）。")
        return []
    if len(rows) > MAX_MEMBERS:
        fail("members", f"群体成员最多填写{MAX_MEMBERS}人。")
        return []
    for line, row in enumerate(rows, start=1):
        if len(row) > 3:
            fail("members", f"第{line}行多于三项，请按“姓名，角色，身份证号码”填写。")
            continue
        name, role, id_number = (part.strip() for part in row)
        if not name_re.match(name):
            fail("members", f"第{line}行：成员姓名应为2至30个汉字或字母。")
            continue
        if len(role) > ROLE_MAX_CHARS:
            fail("members", f"第{line}行：角色不超过{ROLE_MAX_CHARS}字。")
            continue
        id_number = normalise_id_number(id_number)
        if id_number:
            try:
                id_number = validate_id_number(id_number)
            except ValidationError as exc:
                fail("members", *(f"第{line}行（{name}）：{m}" for m in exc.messages))
                continue
            if id_number in seen:
                fail("members", f"第{line}行（{name}）：身份证号码与前面的成员重复。")
                continue
            seen.add(id_number)
        members.append(MemberData(name=name, role=role, id_number=id_number))
    return members


def already_nominated(campaign, id_number, *, except_group=None):
    """True if the person is a nominee or a group member in `campaign` (other than in `except_group`)."""
    key = crypto.keyed_hash(id_number)
    alone = Nomination.objects.filter(campaign=campaign, id_number_hash=key).exists()
    in_group = GroupMember.objects.filter(nomination__campaign=campaign, id_number_hash=key)
    if except_group is not None:
        in_group = in_group.exclude(nomination=except_group)
    return alone or in_group.exists()


def same_group(campaign, name, jurisdiction):
    """The group already nominated under this name from this jurisdiction (a second nominator merges)."""
    return Nomination.objects.filter(
        campaign=campaign, subject_kind=SubjectKind.COLLECTIVE, nominee_name=name, jurisdiction=jurisdiction
    ).first()


def in_a_group(campaign, id_number):
    """True if the person is already a member of a group nominated in `campaign`."""
    return GroupMember.objects.filter(
        nomination__campaign=campaign, id_number_hash=crypto.keyed_hash(id_number)
    ).exists()


def write(nomination, members):
    GroupMember.objects.bulk_create(_member(nomination, order, member) for order, member in enumerate(members))


def _member(nomination, order, member):
    row = GroupMember(nomination=nomination, name=member.name, role=member.role, sort_order=order)
    if member.id_number:
        row.set_id_number(member.id_number)
    return row

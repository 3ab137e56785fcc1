"""Validation of nominee data with messages an applicant can act on."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CODES = "10X98765432"
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def id_number_check_code(first17):
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CODES[total % 11]


def normalise_id_number(value):
    return (value or "").strip().upper().replace(" ", "")


def validate_id_number(value):
    """A mainland resident ID number (GB 11643): 18 characters, valid date, valid check code."""
    value = normalise_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError("身份证号码应为18位，前17位为数字，最后一位为数字或X。", code="id_format")
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期无效。", code="id_birthdate") from None
    if born > timezone.localdate() or born.year < 1900:
        raise ValidationError("身份证号码中的出生日期无效。", code="id_birthdate")
    if id_number_check_code(value[:17]) != value[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新填写。", code="id_checksum")
    return value


def birth_year_from_id(value):
    return int(value[6:10])


def gender_from_id(value):
    return "male" if int(value[16]) % 2 else "female"


def validate_phone(value):
    value = (value or "").strip().replace(" ", "").replace("-", "")
    if not PHONE_RE.match(value):
        raise ValidationError("请填写11位手机号码。", code="phone")
    return value

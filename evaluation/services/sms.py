"""One-time SMS codes for SMS-mode voting, sent through a pluggable gateway.

`settings.SMS_GATEWAY` names a class with `send(phone, message)`. The default,
`DevelopmentGateway`, writes the code and the masked phone to the log and sends
nothing. Codes are stored as keyed hashes with an expiry and an attempt limit;
requests are limited per phone (count of recent codes) and per client address.
"""

import datetime
import hmac
import logging
import secrets

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from evaluation.models import SmsCode
from evaluation.privacy import crypto

logger = logging.getLogger("evaluation.sms")

CODE_TTL = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
RESEND_AFTER = datetime.timedelta(seconds=60)
PER_PHONE_PER_HOUR = 5


class DevelopmentGateway:
    """Sends nothing: logs the code with the masked phone, for `make run` and tests."""

    def send(self, phone, message):
        logger.info("SMS to %s: %s", crypto.mask_phone(phone), message)


def gateway():
    return import_string(settings.SMS_GATEWAY)()


class SmsRefused(Exception):
    def __init__(self, code, message, http_status):
        super().__init__(message)
        self.code, self.message, self.http_status = code, message, http_status


def _code_hash(phone_hash, code):
    return crypto.keyed_hash(f"sms-code:{phone_hash}:{code}")


def send_code(campaign, phone, *, address_hash=""):
    """Issue and send a new code for `phone` (already validated); raises SmsRefused when asked too often."""
    phone_hash = crypto.keyed_hash(phone)
    now = timezone.now()
    recent = SmsCode.objects.filter(phone_hash=phone_hash, created_at__gte=now - datetime.timedelta(hours=1))
    if recent.filter(created_at__gte=now - RESEND_AFTER).exists():
        raise SmsRefused("sms_too_soon", "验证码已发送，请 60 秒后再试。", 429)
    if recent.count() >= PER_PHONE_PER_HOUR:
        raise SmsRefused("sms_too_many", "该手机号获取验证码过于频繁，请一小时后再试。", 429)
    code = "".join(secrets.choice("0123456789") for _ in range(6))
    SmsCode.objects.create(
        campaign=campaign,
        phone_hash=phone_hash,
        code_hash=_code_hash(phone_hash, code),
        address_hash=address_hash,
        expires_at=now + CODE_TTL,
    )
    gateway().send(phone, f"您的投票验证码为 {code}，5 分钟内有效。")


def check_code(campaign, phone, code):
    """True once for the right, unexpired code of this phone; wrong tries count against the limit."""
    phone_hash = crypto.keyed_hash(phone)
    now = timezone.now()
    sms = (
        SmsCode.objects.filter(campaign=campaign, phone_hash=phone_hash, used_at__isnull=True, expires_at__gte=now)
        .order_by("-created_at")
        .first()
    )
    if sms is None or sms.attempts >= MAX_ATTEMPTS:
        return False
    if not hmac.compare_digest(sms.code_hash, _code_hash(phone_hash, (code or "").strip())):
        SmsCode.objects.filter(pk=sms.pk).update(attempts=F("attempts") + 1)
        return False
    # Only the request whose UPDATE marked the code used may proceed (two taps, one code).
    return bool(SmsCode.objects.filter(pk=sms.pk, used_at__isnull=True, attempts__lt=MAX_ATTEMPTS).update(used_at=now))

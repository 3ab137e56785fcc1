"""Who must sign in with an authenticator code, and the devices that provide it."""

import math
from base64 import b32encode

import segno
from django.conf import settings
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

DEVICE_NAME = "身份验证器"


def is_required(user):
    """True if `user` may not use the admin without a second factor.

    Superusers always; other roles when a `requires_two_factor` hook says so
    (the evaluation app names the staff who may see full ID numbers).
    """
    if not getattr(settings, "STAFF_2FA_REQUIRED", False) or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(fn(user) for fn in hooks.get_hooks("requires_two_factor"))


def has_device(user):
    return user_has_device(user, confirmed=True)


def pending_device(user):
    """The unconfirmed TOTP device being enrolled, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device):
    """The device's otpauth:// address as an inline SVG, drawn here rather than by a service."""
    return segno.make(device.config_url, micro=False).svg_inline(scale=4, border=2)


def secret_text(device):
    """The key in base32, grouped by four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def wait_seconds(devices):
    """Seconds until django-otp accepts another code after wrong ones (0 if it does now)."""
    now = timezone.now()
    waits = [0]
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(math.ceil((data["locked_until"] - now).total_seconds()))
    return max(waits)


def throttled_message(seconds):
    return f"验证码输错次数较多，请等待 {seconds} 秒后再试。"

"""Accounts locked by django-axes: the message on the login page, the list and unlocking."""

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.account import get_user_login_form


def cool_off_minutes(request=None):
    """Minutes until a lock lifts by itself; None if only an administrator can lift it."""
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds() // 60)) if cool_off else None


def locked_message(request=None):
    minutes = cool_off_minutes(request)
    if minutes:
        return f"登录失败次数过多，该账号已在本地址被暂时锁定，请 {minutes} 分钟后再试，或联系系统管理员解锁。"
    return "登录失败次数过多，该账号已在本地址被锁定，请联系系统管理员解锁。"


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's sign-in page again, with the lockout explained (AXES_LOCKOUT_CALLABLE)."""
    username = get_client_username(request, credentials) or ""
    context = {
        "form": get_user_login_form()(request, initial={"username": username}),
        "next": request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home"),
        "lockout_message": locked_message(request),
        "show_password_reset": False,
    }
    return render(request, "wagtailadmin/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def locked_attempts():
    """Username and address pairs that are locked out right now."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gt=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def unlock(attempt):
    """Forget the failures of one username on one address, so it may sign in again."""
    attempt.delete()

"""Code entry, authenticator enrolment and the list of locked sign-ins."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from wagtail.admin.auth import require_admin_access

from . import lockout, two_factor
from .forms import TokenForm

WRONG_CODE = "验证码不正确或已过期，请查看验证器应用中的最新验证码后重试。"


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Ask for the current code of one of the user's confirmed devices."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_device(request.user):
        return redirect(f"{reverse('security_two_factor_enrol')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        wait = two_factor.wait_seconds(devices_for_user(request.user))
        device = None if wait else match_token(request.user, form.cleaned_data["otp_token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("otp_token", two_factor.throttled_message(wait) if wait else WRONG_CODE)
    return render(request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required(login_url="wagtailadmin_login")
def enrol(request):
    """Show a new key as a QR code; the first correct code confirms it."""
    if two_factor.has_device(request.user):
        if not request.user.is_verified():
            return redirect(f"{reverse('security_two_factor_verify')}?{request.GET.urlencode()}")
        messages.info(request, "您已启用两步验证。")
        return redirect(_next_url(request))
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    wait = two_factor.wait_seconds([device])
    if form.is_valid() and wait:
        form.add_error("otp_token", two_factor.throttled_message(wait))
    elif form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "两步验证已启用，今后登录时请输入验证器应用中的验证码。")
            return redirect(_next_url(request))
        form.add_error("otp_token", WRONG_CODE)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "required": two_factor.is_required(request.user),
    }
    return render(request, "security/two_factor_enrol.html", context)


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


@require_admin_access
def lockouts(request):
    """Usernames locked on an address after too many wrong passwords."""
    _require_superuser(request)
    context = {
        "page_title": "登录锁定",
        "header_icon": "lock",
        "attempts": lockout.locked_attempts(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": lockout.cool_off_minutes(request),
    }
    return render(request, "security/lockouts.html", context)


@require_admin_access
@require_POST
def unlock(request, pk):
    _require_superuser(request)
    attempt = get_object_or_404(lockout.locked_attempts(), pk=pk)
    lockout.unlock(attempt)
    messages.success(request, f"已解除账号“{attempt.username}”在 {attempt.ip_address} 的登录锁定。")
    return redirect("security_lockouts")

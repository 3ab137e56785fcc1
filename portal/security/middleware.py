"""Hold a signed-in user at the code page until their second factor is checked."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from . import two_factor

# Pages a user between password and code may still open.
EXEMPT_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_two_factor_verify",
    "security_two_factor_enrol",
}
GUARDED_PREFIXES = ("/admin/", "/django-admin/")


class TwoFactorMiddleware:
    """Runs after django_otp's OTPMiddleware, which marks verified sessions.

    A user with a confirmed device must enter a code; a user the policy requires
    (see two_factor.is_required) but without a device must enrol one. Until then
    admin pages redirect to the code page, and anywhere else (public pages, the
    staff API) the session counts as signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self.pending_step(request)
        if step and not self.is_exempt(request):
            if request.path.startswith(GUARDED_PREFIXES):
                url = reverse(f"security_two_factor_{step}")
                return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
            request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def pending_step(request):
        """'verify', 'enrol' or None for this request's user."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no one is signed in; leave the session untouched (no Vary: Cookie)
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if two_factor.has_device(user):
            return "verify"
        if two_factor.is_required(user):
            return "enrol"
        return None

    @staticmethod
    def is_exempt(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in EXEMPT_URL_NAMES

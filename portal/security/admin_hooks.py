"""Admin menu entries for sign-in security; imported by portal/wagtail_hooks.py."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import two_factor


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem("登录锁定", reverse("security_lockouts"), icon_name="lock", order=900)


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    if two_factor.has_device(request.user):
        help_text = "已启用：登录时需输入验证器应用中的验证码。"
    else:
        help_text = "用手机验证器应用扫码绑定，登录时多一道验证码。"
    return {"url": reverse("security_two_factor_enrol"), "label": "两步验证", "help_text": help_text}

"""我要纠错: the public report form and the one service that files a report."""

from urllib.parse import urlsplit

from django import forms
from django.db import transaction
from django.utils.html import strip_tags

from portal import captcha
from portal.models import ErrorReport

DESCRIPTION_MIN = 5
DESCRIPTION_MAX = 1000
# Reports one client may file per window (requests, seconds).
SUBMIT_LIMIT = (5, 3600)


def plain_text(value):
    """The text without markup or surrounding blanks."""
    return strip_tags(value or "").strip()


def local_path(value, host):
    """The site path a report is about, or None for an address on another site."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or parts.netloc != host:
            return None
    if not parts.path.startswith("/") or parts.path.startswith("//") or "\\" in value:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path[:500]


class ErrorReportForm(forms.Form):
    page_url = forms.CharField(label="页面地址", max_length=500, error_messages={"required": "请填写页面地址。"})
    description = forms.CharField(
        label="问题描述",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX * 2,
        help_text=f"请说明错误所在和正确内容，{DESCRIPTION_MIN}至{DESCRIPTION_MAX}字。",
        error_messages={"required": "请填写问题描述。"},
    )
    contact = forms.CharField(
        label="联系方式（选填）", max_length=100, required=False, help_text="电话或电子邮箱，便于我们回复您。"
    )
    captcha_key = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label="验证码",
        max_length=8,
        help_text="请输入图片中的4位数字。",
        error_messages={"required": "请输入验证码。"},
    )

    def __init__(self, *args, host="", **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        for name, field in self.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs["aria-describedby"] = f"id_{name}-desc"

    def clean_page_url(self):
        path = local_path(self.cleaned_data["page_url"], self.host)
        if path is None:
            raise forms.ValidationError("请填写本站页面的地址。")
        return path

    def clean_description(self):
        text = plain_text(self.cleaned_data["description"])
        if len(text) < DESCRIPTION_MIN:
            raise forms.ValidationError(f"问题描述至少{DESCRIPTION_MIN}个字。")
        if len(text) > DESCRIPTION_MAX:
            raise forms.ValidationError(f"问题描述不能超过{DESCRIPTION_MAX}个字。")
        return text

    def clean_contact(self):
        return plain_text(self.cleaned_data["contact"])

    def clean(self):
        cleaned = super().clean()
        # Checked last, and only once the rest is valid, so a typo elsewhere does not spend the captcha.
        if not self.errors and not captcha.verify(cleaned.get("captcha_key"), cleaned.get("captcha_answer")):
            self.add_error("captcha_answer", "验证码不正确或已过期，请重新输入。")
        return cleaned


@transaction.atomic
def file_report(*, page_url, description, contact=""):
    """Record a visitor's report; staff see it in the admin under 纠错报告."""
    return ErrorReport.objects.create(page_url=page_url, description=description, contact=contact)

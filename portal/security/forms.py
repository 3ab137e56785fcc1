from django import forms
from django.core.validators import RegexValidator
from wagtail.admin.forms.auth import LoginForm


class TokenForm(forms.Form):
    """The six digits an authenticator app shows."""

    otp_token = forms.CharField(
        label="验证码",
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", "请输入 6 位数字验证码。")],
        error_messages={"required": "请输入验证码。", "min_length": "请输入 6 位数字验证码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": "", "placeholder": "6 位数字"}
        ),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].strip()


class StaffLoginForm(LoginForm):
    """Wagtail's sign-in form without "remember me": staff sessions end with the browser."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["remember"]

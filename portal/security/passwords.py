"""Password rules for staff accounts."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Chinese.

    Django 5.2 reworded the message and its zh-hans catalogue no longer matches,
    so the admin would show it in English.
    """

    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"

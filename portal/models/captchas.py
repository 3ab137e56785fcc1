from django.db import models


class CaptchaChallenge(models.Model):
    """One issued image captcha; deleting the row is what spends it (portal/captcha.py)."""

    token = models.CharField(max_length=64, primary_key=True)
    answer = models.CharField(max_length=8)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "验证码"
        verbose_name_plural = "验证码"

    def __str__(self):
        return self.token

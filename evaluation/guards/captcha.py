"""The nomination form's captcha: portal's one-time image captcha (portal/captcha.py),
issued within evaluation's own rate limit (evaluation/guards/throttle.py, scope "captcha")."""

from evaluation.guards import throttle
from portal.captcha import TIMEOUT, answer_for, new_challenge, render_png, verify

WRONG_ANSWER = "验证码不正确或已过期，请重新输入。"

__all__ = ["TIMEOUT", "WRONG_ANSWER", "answer_for", "issue", "new_challenge", "render_png", "verify"]


def issue(request):
    """A new challenge for this visitor, or None once they have asked for too many."""
    if not throttle.allow(request, "captcha"):
        return None
    return new_challenge()

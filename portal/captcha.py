"""A one-time image captcha for the public forms (error reports here; nominations in evaluation).

The answer lives only in the database under a random key, so any worker can
check a captcha another issued; a key can be checked once, right or wrong, so
it cannot be replayed or brute-forced.
"""

import datetime
import io
import secrets

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from portal import throttle
from portal.models import CaptchaChallenge

TIMEOUT = 600
# No 0/1 (O, I, l) and no 7 (read as 1 in a tilted glyph): digits a first-time visitor cannot confuse.
DIGITS = "2345689"
# Challenges one client may ask for per window (requests, seconds).
ISSUE_LIMIT = (30, 600)


def new_challenge():
    token = secrets.token_urlsafe(16)
    answer = "".join(secrets.choice(DIGITS) for _ in range(4))
    now = timezone.now()
    # Expired challenges are few (issuing is rate-limited); sweep them as we go.
    CaptchaChallenge.objects.filter(expires_at__lt=now).delete()
    CaptchaChallenge.objects.create(token=token, answer=answer, expires_at=now + datetime.timedelta(seconds=TIMEOUT))
    return token


def issue(request):
    """A new challenge for this visitor, or None once they have asked for too many."""
    if not throttle.allow(request, "captcha", *ISSUE_LIMIT):
        return None
    return new_challenge()


def answer_for(token):
    """The expected answer (tests and the image view use it; never sent as text)."""
    return _stored_answer(token)


def _stored_answer(token):
    return (
        CaptchaChallenge.objects.filter(token=token, expires_at__gte=timezone.now())
        .values_list("answer", flat=True)
        .first()
    )


def verify(token, answer):
    """True once for the right answer; the challenge is spent either way."""
    if not token:
        return False
    expected = _stored_answer(token)
    # Only the request whose DELETE removed the row may use the answer, so two
    # concurrent checks of one challenge (on any workers) cannot both pass.
    spent, _ = CaptchaChallenge.objects.filter(token=token).delete()
    return bool(spent) and expected is not None and (answer or "").strip() == expected


def render_png(token):
    answer = answer_for(token)
    if answer is None:
        return None
    rng = secrets.SystemRandom()
    image = Image.new("RGB", (120, 44), (245, 240, 232))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        draw.line(
            [(rng.randint(0, 120), rng.randint(0, 44)), (rng.randint(0, 120), rng.randint(0, 44))],
            fill=(rng.randint(120, 200),) * 3,
            width=1,
        )
    for i, digit in enumerate(answer):
        glyph = Image.new("L", (24, 30), 0)
        ImageDraw.Draw(glyph).text((6, 4), digit, fill=255, font_size=22)
        glyph = glyph.rotate(rng.randint(-25, 25), expand=False)
        image.paste((120, 20, 20), (10 + i * 26, 6 + rng.randint(-3, 3)), glyph)
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()

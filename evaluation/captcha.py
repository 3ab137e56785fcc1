"""A one-time image captcha for the public nomination form and the API.

The answer lives only in the cache under a random key; a key can be checked
once, right or wrong, so it cannot be replayed or brute-forced.
"""

import io
import secrets

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFilter

TIMEOUT = 600
DIGITS = "23456789"


def _key(token):
    return f"captcha:{token}"


def new_challenge():
    token = secrets.token_urlsafe(16)
    answer = "".join(secrets.choice(DIGITS) for _ in range(4))
    cache.set(_key(token), answer, TIMEOUT)
    return token


def answer_for(token):
    """The expected answer (tests and the image view use it; never sent as text)."""
    return cache.get(_key(token))


def verify(token, answer):
    """True once for the right answer; the challenge is spent either way."""
    if not token:
        return False
    expected = cache.get(_key(token))
    cache.delete(_key(token))
    return expected is not None and (answer or "").strip() == expected


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

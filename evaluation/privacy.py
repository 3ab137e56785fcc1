"""Private data at rest: keyed hashes to match, masks to show, encryption to reveal.

ID numbers and phones are never stored in clear.  `keyed_hash` lets the
system find duplicates and look up a nomination by phone; `mask_*` is what
staff see; the Fernet cipher text can be decrypted only for roles allowed
to see the full value (see rules.py).
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _key_material(purpose):
    secret = getattr(settings, "PRIVACY_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"{purpose}:{secret}".encode()).digest()


def keyed_hash(value):
    value = (value or "").strip().upper()
    return hmac.new(_key_material("hash"), value.encode(), hashlib.sha256).hexdigest()


def _fernet():
    return Fernet(base64.urlsafe_b64encode(_key_material("encrypt")))


def encrypt(value):
    return _fernet().encrypt((value or "").encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt((token or "").encode()).decode()
    except InvalidToken:
        return ""


def mask_id_number(value):
    value = (value or "").strip().upper()
    if len(value) < 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value):
    value = (value or "").strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]

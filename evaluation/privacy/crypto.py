"""Private data at rest: keyed hashes to match, masks to show, encryption to reveal.

ID numbers and phones are never stored in clear.  `keyed_hash` lets the
system find duplicates and look up a nomination by phone; `mask_*` is what
staff see; the cipher text can be decrypted only for roles allowed to see the
full value (see rules.py).

Keys come from the `PRIVACY_KEY` secret through HKDF: one key for the keyed
hash (never versioned, so matching survives every rotation) and one
encryption key per `PRIVACY_KEY_VERSION`.  Cipher text carries its version
(`v2:<fernet token>`); every version up to the current one, of the current
secret and of each secret in `PRIVACY_PREVIOUS_KEYS`, still decrypts, so
rotation is: raise the version (or change the secret), restart, then run
`manage.py rotate_privacy_key`.
"""

import base64
import functools
import hashlib
import hmac
import logging
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

logger = logging.getLogger(__name__)

SALT = b"wenming-evaluation-privacy"
VERSION_RE = re.compile(r"^v(\d+):")


class UndecryptableRecord(Exception):
    """Stored cipher text that none of the configured keys opens."""

    def __init__(self, record=None, field=""):
        self.record, self.field = record, field
        if record is not None:
            where = f"{record._meta.verbose_name}（编号 {record.pk}）"
        else:
            where = "该记录"
        super().__init__(f"{where}的加密个人信息无法解密，请检查 PRIVACY_KEY 与 PRIVACY_PREVIOUS_KEYS 的配置。")


def _derive(secret, info):
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=info.encode())
    return hkdf.derive(secret.encode())


def _fernet(secret, version):
    return Fernet(base64.urlsafe_b64encode(_derive(secret, f"encryption:v{version}")))


def _legacy_fernet(secret):
    # Cipher text written before HKDF keys (sha256 of "encrypt:<secret>"); rotate_privacy_key rewrites it.
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"encrypt:{secret}".encode()).digest()))


def _secret():
    return getattr(settings, "PRIVACY_KEY", "") or settings.SECRET_KEY


def _previous_secrets():
    value = getattr(settings, "PRIVACY_PREVIOUS_KEYS", ())
    if isinstance(value, str):
        value = value.split(",")
    return tuple(s.strip() for s in value if s.strip())


def current_version():
    return int(getattr(settings, "PRIVACY_KEY_VERSION", 1) or 1)


@functools.lru_cache(maxsize=8)
def _hash_key(secret):
    return _derive(secret, "keyed-hash")


@functools.lru_cache(maxsize=8)
def _multi_fernet(secret, previous, version):
    """Current key first (it encrypts); then older versions and retired secrets (they only decrypt)."""
    keys = [_fernet(secret, version)]
    for s in (secret, *previous):
        keys += [_fernet(s, v) for v in range(version, 0, -1) if (s, v) != (secret, version)]
        keys.append(_legacy_fernet(s))
    return MultiFernet(keys)


def _keys():
    return _multi_fernet(_secret(), _previous_secrets(), current_version())


def keyed_hash(value):
    value = (value or "").strip().upper()
    return hmac.new(_hash_key(_secret()), value.encode(), hashlib.sha256).hexdigest()


def encrypt(value):
    token = _keys().encrypt((value or "").encode()).decode()
    return f"v{current_version()}:{token}"


def token_version(token):
    """The key version a cipher text was written with (0: before versioned keys)."""
    match = VERSION_RE.match(token or "")
    return int(match.group(1)) if match else 0


def decrypt(token, *, record=None, field=""):
    """The clear text of `token`; raises UndecryptableRecord (logged without the data) if no key opens it."""
    try:
        return _keys().decrypt(VERSION_RE.sub("", token or "", count=1).encode()).decode()
    except InvalidToken:
        label = record._meta.label if record is not None else "?"
        pk = record.pk if record is not None else "?"
        logger.error("Private data could not be decrypted: model=%s pk=%s field=%s", label, pk, field)
        raise UndecryptableRecord(record, field) from None


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

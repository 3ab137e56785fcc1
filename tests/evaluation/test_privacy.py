"""Keys for private data: stable matching, versioned encryption, loud failures."""

import base64
import hashlib
import hmac
import logging

import pytest
from cryptography.fernet import Fernet

from evaluation.models import Nomination
from evaluation.privacy import crypto
from evaluation.services import intake
from tests.factories.evaluation import make_id_number, nomination_data

ID_NUMBER = make_id_number(seq="124")


def legacy_token(value, secret):
    """Cipher text as the pre-HKDF code wrote it (sha256 of "encrypt:<secret>")."""
    key = base64.urlsafe_b64encode(hashlib.sha256(f"encrypt:{secret}".encode()).digest())
    return Fernet(key).encrypt(value.encode()).decode()


def test_cipher_text_names_its_key_version(settings):
    settings.PRIVACY_KEY, settings.PRIVACY_KEY_VERSION = "first-secret", 3
    token = crypto.encrypt("13812345678")
    assert token.startswith("v3:") and "13812345678" not in token
    assert crypto.token_version(token) == 3 and crypto.decrypt(token) == "13812345678"


def test_hash_and_encryption_keys_are_separate_hkdf_derivations(settings):
    settings.PRIVACY_KEY = "first-secret"
    encryption_key = crypto._derive("first-secret", "encryption:v1")
    assert crypto._hash_key("first-secret") != encryption_key
    assert crypto.keyed_hash(ID_NUMBER) != hmac.new(encryption_key, ID_NUMBER.encode(), hashlib.sha256).hexdigest()
    legacy = hashlib.sha256(b"hash:first-secret").digest()
    assert crypto.keyed_hash(ID_NUMBER) != hmac.new(legacy, ID_NUMBER.encode(), hashlib.sha256).hexdigest()


def test_raising_the_version_keeps_old_cipher_text_readable_and_hashes_stable(settings):
    settings.PRIVACY_KEY, settings.PRIVACY_KEY_VERSION = "first-secret", 1
    old_token, old_hash = crypto.encrypt(ID_NUMBER), crypto.keyed_hash(ID_NUMBER)
    settings.PRIVACY_KEY_VERSION = 2
    assert crypto.decrypt(old_token) == ID_NUMBER
    assert crypto.encrypt(ID_NUMBER).startswith("v2:")
    assert crypto.keyed_hash(ID_NUMBER) == old_hash, "duplicates and status lookups must still match"


def test_a_retired_secret_still_decrypts_when_listed(settings):
    settings.PRIVACY_KEY = "old-secret"
    token = crypto.encrypt(ID_NUMBER)
    settings.PRIVACY_KEY, settings.PRIVACY_KEY_VERSION = "new-secret", 2
    with pytest.raises(crypto.UndecryptableRecord):
        crypto.decrypt(token)
    settings.PRIVACY_PREVIOUS_KEYS = ["old-secret"]
    assert crypto.decrypt(token) == ID_NUMBER


def test_cipher_text_from_before_hkdf_keys_still_decrypts(settings):
    settings.PRIVACY_KEY = "first-secret"
    assert crypto.decrypt(legacy_token(ID_NUMBER, "first-secret")) == ID_NUMBER


def test_undecryptable_record_raises_a_named_error_logged_without_the_data(campaign, jurisdictions, settings, caplog):
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=ID_NUMBER))
    settings.PRIVACY_KEY = "a-different-secret"
    nomination = Nomination.objects.get(pk=nomination.pk)
    with caplog.at_level(logging.DEBUG), pytest.raises(crypto.UndecryptableRecord) as exc:
        nomination.reveal_id_number()
    assert str(exc.value).startswith(f"推荐（编号 {nomination.pk}）的加密个人信息无法解密")
    assert f"pk={nomination.pk}" in caplog.text and "evaluation.Nomination" in caplog.text
    assert ID_NUMBER not in caplog.text and nomination.id_number_cipher not in caplog.text

"""rotate_privacy_key: every protected value ends up under the current key, matching keeps working."""

import datetime
import hashlib
import hmac
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from evaluation.choices import Level
from evaluation.models import HeldTitle, Nomination, Nominator, ReserveEntry
from evaluation.privacy import crypto
from evaluation.services import intake
from evaluation.services import reserve as reserve_service
from tests.evaluation.test_privacy import legacy_token
from tests.factories.evaluation import make_id_number, nomination_data, nomination_raw

ID_NUMBER = make_id_number(seq="124")
TITLE_ID = make_id_number(seq="226")


@pytest.fixture
def records(settings, campaign, jurisdictions, staff):
    settings.PRIVACY_KEY, settings.PRIVACY_KEY_VERSION = "first-secret", 1
    nomination, nominator = intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=ID_NUMBER))
    entry = reserve_service.register(
        actor=staff["city_staff"],
        name="李强",
        category="helping_others",
        level=Level.CITY,
        jurisdiction=jurisdictions["hexi"],
        unit="",
        story="多年来坚持义务献血。",
        intake=ReserveEntry.Intake.PHONE,
        contact="13700001111",
        id_number=make_id_number(seq="315"),
    )
    title = HeldTitle(person_name="赵刚", title="清河好人", level=Level.CITY, awarded_on=datetime.date(2024, 3, 1))
    title.set_id_number(TITLE_ID)
    title.save()
    return nomination, nominator, entry, title


def ciphers():
    return [
        *Nomination.objects.values_list("id_number_cipher", flat=True),
        *Nominator.objects.values_list("phone_cipher", flat=True),
        *ReserveEntry.objects.values_list("id_number_cipher", flat=True),
        *ReserveEntry.objects.values_list("contact_cipher", flat=True),
        *HeldTitle.objects.values_list("id_number_cipher", flat=True),
    ]


def rotate(*args):
    out = StringIO()
    call_command("rotate_privacy_key", "--batch-size", "1", *args, stdout=out)
    return out.getvalue()


def test_raising_the_version_re_encrypts_everything_and_keeps_matching(records, settings, campaign):
    nomination, nominator, entry, title = records
    before = ciphers()
    settings.PRIVACY_KEY_VERSION = 2
    output = rotate()
    after = ciphers()
    assert len(after) == 5 and all(token.startswith("v2:") for token in after) and set(after).isdisjoint(before)
    assert "推荐：共1条记录，重新加密1项，其中1项原为旧版本密钥" in output and "第2版密钥" in output
    assert Nomination.objects.get().reveal_id_number() == ID_NUMBER
    assert Nominator.objects.get().reveal_phone() == "13812345678"
    assert ReserveEntry.objects.get().reveal_contact() == "13700001111"
    assert HeldTitle.objects.get().reveal_id_number() == TITLE_ID
    assert intake.find_for_status_page(nominator.receipt_number, "13812345678") == nominator
    assert Nomination.objects.get().updated_at == nomination.updated_at, "rotation is not an edit"


def test_dry_run_changes_nothing(records, settings):
    before = ciphers()
    settings.PRIVACY_KEY_VERSION = 2
    assert "试运行" in rotate("--dry-run")
    assert ciphers() == before


def test_a_new_secret_with_the_old_one_retired_rehashes_so_lookups_still_match(records, settings, campaign):
    _, nominator, _, _ = records
    settings.PRIVACY_KEY, settings.PRIVACY_KEY_VERSION = "new-secret", 2
    settings.PRIVACY_PREVIOUS_KEYS = ["first-secret"]
    assert intake.find_for_status_page(nominator.receipt_number, "13812345678") is None
    output = rotate()
    assert "更新匹配哈希1项" in output
    assert intake.find_for_status_page(nominator.receipt_number, "13812345678") == nominator
    settings.PRIVACY_PREVIOUS_KEYS = []
    assert Nomination.objects.get().reveal_id_number() == ID_NUMBER
    with pytest.raises(ValidationError, match="不符合"):
        intake.clean(campaign, nomination_raw(campaign.nominations.get().jurisdiction, id_number=TITLE_ID))


def test_data_written_before_hkdf_keys_is_carried_over(settings, campaign, jurisdictions):
    settings.PRIVACY_KEY = "first-secret"
    nomination, nominator = intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=ID_NUMBER))
    legacy_hash = hmac.new(hashlib.sha256(b"hash:first-secret").digest(), b"13812345678", hashlib.sha256).hexdigest()
    Nominator.objects.filter(pk=nominator.pk).update(
        phone_cipher=legacy_token("13812345678", "first-secret"), phone_hash=legacy_hash
    )
    rotate()
    assert intake.find_for_status_page(nominator.receipt_number, "13812345678") == nominator
    assert Nominator.objects.get().phone_cipher.startswith("v1:")


def test_an_undecryptable_record_stops_the_run_and_rolls_everything_back(records, settings):
    nomination, _, _, title = records
    HeldTitle.objects.filter(pk=title.pk).update(id_number_cipher=crypto._fernet("lost", 1).encrypt(b"x").decode())
    before = ciphers()
    settings.PRIVACY_KEY_VERSION = 2
    with pytest.raises(CommandError, match=f"已获荣誉（编号 {title.pk}）.*已全部回滚"):
        rotate()
    assert ciphers() == before

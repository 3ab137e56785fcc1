"""Nomination intake: valid input is saved once; bad input changes nothing."""

import datetime
import io
import os

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from evaluation.choices import Level, StageKind
from evaluation.models import HeldTitle, Nomination, NominationEvent, NominationPhoto, Nominator
from evaluation.privacy import crypto
from evaluation.services import intake
from evaluation.workflows.nomination import Status
from tests.factories.evaluation import (
    CampaignFactory,
    jpeg_bytes,
    make_id_number,
    nomination_data,
    nomination_raw,
    photo_upload,
)


def media_files():
    """Every stored file, public or private."""
    found = set()
    for top in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for root, _dirs, files in os.walk(top):
            found.update(os.path.join(root, f) for f in files)
    return found


def counts():
    return (Nomination.objects.count(), Nominator.objects.count(), NominationPhoto.objects.count(), len(media_files()))


def test_valid_nomination_is_saved_with_private_data_protected(campaign, jurisdictions):
    id_number = make_id_number(seq="124")
    nomination, nominator = intake.submit(
        campaign, nomination_data(jurisdictions["hexi_street"], id_number=id_number, photos=[photo_upload()])
    )
    assert nominator.is_original and nominator.receipt_number == nomination.tracking_number
    assert nomination.status == Status.PENDING_GRASSROOTS
    assert nomination.id_number_masked == id_number[:4] + "*" * 10 + id_number[-4:]
    assert id_number not in nomination.id_number_cipher
    assert nomination.reveal_id_number() == id_number
    assert nomination.id_number_hash == crypto.keyed_hash(id_number)
    nominator = nomination.nominators.get()
    assert nominator.phone_masked == "138****5678"
    assert "13812345678" not in nominator.phone_cipher
    assert len(nomination.tracking_number) >= 10
    assert NominationEvent.objects.filter(nomination=nomination, action="submitted").exists()


def test_photo_is_reencoded_without_exif(campaign, jurisdictions):
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"], photos=[photo_upload()]))
    photo = nomination.photos.get()
    with Image.open(photo.file.path) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert photo.file.name.endswith(".jpg") and "photo" not in os.path.basename(photo.file.name)


def test_district_level_nominee_starts_at_district_review(campaign, jurisdictions):
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    assert nomination.status == Status.PENDING_DISTRICT


def test_markup_in_text_is_neutralised(campaign, jurisdictions):
    data = nomination_data(
        jurisdictions["hexi"],
        story="<script>alert('x')</script>王秀英二十年来义务照顾社区里的三位孤寡老人，<b>从不间断</b>。",
    )
    data.story = intake.neutralise(data.story)
    nomination, _ = intake.submit(campaign, data)
    assert "<" not in nomination.story and "从不间断" in nomination.story


def test_duplicate_nominee_is_merged_keeping_every_nominator(campaign, jurisdictions):
    first, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    second, nominator = intake.submit(
        campaign, nomination_data(jurisdictions["hexi"], nominator_name="赵刚", nominator_phone="13900001111")
    )
    assert not nominator.is_original and second.pk == first.pk
    assert nominator.receipt_number != first.tracking_number
    assert Nomination.objects.count() == 1
    assert sorted(first.nominators.values_list("name", flat=True)) == ["李明", "赵刚"]
    assert NominationEvent.objects.filter(nomination=first, action="merged").exists()


def test_same_person_may_be_nominated_in_another_campaign(campaign, jurisdictions):
    intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    intake.submit(CampaignFactory(), nomination_data(jurisdictions["hexi"]))
    assert Nomination.objects.count() == 2


def big_png(width, height):
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


BAD_PHOTOS = {
    "too many photos": [photo_upload(), photo_upload(), photo_upload()],
    "photo too large": [SimpleUploadedFile("big.jpg", b"\xff\xd8" + os.urandom(400 * 1024))],
    "not an image": [SimpleUploadedFile("fake.jpg", b"GIF89a not really an image at all")],
    "gif not allowed": [SimpleUploadedFile("a.gif", jpeg_bytes(fmt="GIF", exif=False))],
    "decompression bomb": [SimpleUploadedFile("bomb.png", big_png(8000, 8000))],
}


@pytest.mark.parametrize("case", list(BAD_PHOTOS))
def test_bad_photos_save_nothing(case, campaign, jurisdictions):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        intake.submit(campaign, nomination_data(jurisdictions["hexi"], photos=BAD_PHOTOS[case]))
    assert exc.value.messages and all(message.strip() for message in exc.value.messages)
    assert counts() == before


def close_nomination_stage(campaign):
    campaign.stages.filter(kind=StageKind.NOMINATION).update(
        starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 2, 1)
    )


def test_closed_stage_refuses_public_cleaning_and_a_direct_public_submit(campaign, jurisdictions):
    close_nomination_stage(campaign)
    with pytest.raises(intake.NominationInvalid) as exc:
        intake.clean(campaign, nomination_raw(jurisdictions["hexi"]))
    assert exc.value.errors == {"__all__": ["本次活动当前不在推荐阶段，暂不接受推荐。"]}
    before = counts()
    with pytest.raises(intake.NominationInvalid):
        intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    assert counts() == before


# case: (raw overrides, field, part of the message)
BAD_INPUT = {
    "category not in campaign": ({"category": "bravery"}, "category", "本次活动不评选“见义勇为”"),
    "unknown category": ({"category": "kindness"}, "category", "推荐类别应为以下之一"),
    "story too short": ({"story": "好人。"}, "story", "不少于20字"),
    "story too long": ({"story": "好" * 1600}, "story", "不超过1500字"),
    "name with markup": ({"nominee_name": "<b>x</b>"}, "nominee_name", "2至30个汉字或字母"),
    "self nomination without consent": ({"method": "self"}, "consent", "本人自荐须勾选同意"),
    "missing phone": ({"nominator_phone": ""}, "nominator_phone", "请填写推荐人手机号"),
    "unknown jurisdiction": ({"jurisdiction": "999999"}, "jurisdiction", "不存在"),
    "birth year out of range": ({"birth_year": "1800"}, "birth_year", "1900年至"),
    "gender not a choice": ({"gender": "x"}, "gender", "性别应为以下之一：男、女"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_refused_on_its_field(case, campaign, jurisdictions):
    campaign.categories = ["helping_others"]
    campaign.save()
    overrides, field, message = BAD_INPUT[case]
    with pytest.raises(intake.NominationInvalid) as exc:
        intake.clean(campaign, nomination_raw(jurisdictions["hexi"], **overrides))
    assert list(exc.value.errors) == [field]
    assert message in exc.value.errors[field][0]


def test_clean_neutralises_markup_and_accepts_labels(campaign, jurisdictions):
    raw = nomination_raw(jurisdictions["hexi"], story="<b>" + nomination_raw(jurisdictions["hexi"])["story"] + "</b>")
    data = intake.clean(campaign, raw | {"gender": "女", "category": "助人为乐"})
    assert "<" not in data.story and data.gender == "female" and data.category == "helping_others"
    assert data.jurisdiction == jurisdictions["hexi"] and data.birth_year == 1968


def test_empty_gender_and_birth_year_come_from_the_id_number(campaign, jurisdictions):
    male = make_id_number(born=datetime.date(1975, 3, 8), seq="135")
    data = intake.clean(campaign, nomination_raw(jurisdictions["hexi"], id_number=male, gender="", birth_year=None))
    assert (data.gender, data.birth_year) == ("male", 1975)


def test_decompression_bomb_message_names_the_pixels(campaign, jurisdictions):
    with pytest.raises(ValidationError) as exc:
        intake.submit(
            campaign,
            nomination_data(jurisdictions["hexi"], photos=[SimpleUploadedFile("bomb.png", big_png(8000, 8000))]),
        )
    assert "像素" in exc.value.messages[0]


def hold_title(id_number):
    title = HeldTitle(
        person_name="王秀英", title="山西好人", level=Level.PROVINCE, awarded_on=datetime.date(2024, 3, 1)
    )
    title.set_id_number(id_number)
    title.save()


def test_holder_of_same_or_higher_title_is_refused_with_reason_on_staff_channels(campaign, jurisdictions):
    id_number = make_id_number(seq="124")
    hold_title(id_number)
    with pytest.raises(intake.NominationInvalid) as exc:
        intake.clean(campaign, nomination_raw(jurisdictions["hexi"], id_number=id_number), public=False)
    assert "山西好人" in exc.value.errors["id_number"][0] and "不再作为" in exc.value.errors["id_number"][0]


def test_public_refusal_does_not_name_the_title_held(campaign, jurisdictions):
    id_number = make_id_number(seq="124")
    hold_title(id_number)
    with pytest.raises(intake.NominationInvalid) as exc:
        intake.clean(campaign, nomination_raw(jurisdictions["hexi"], id_number=id_number))
    assert exc.value.errors == {"id_number": ["被推荐人不符合本次活动的推荐条件。"]}


def test_holder_of_lower_title_is_eligible_for_higher_campaign(jurisdictions):
    campaign = CampaignFactory(level=Level.PROVINCE)
    id_number = make_id_number(seq="124")
    title = HeldTitle(person_name="王秀英", title="清河好人", level=Level.CITY, awarded_on=datetime.date(2024, 3, 1))
    title.set_id_number(id_number)
    title.save()
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=id_number))
    assert nomination.pk


def test_status_lookup_needs_receipt_number_and_phone(campaign, jurisdictions):
    nomination, nominator = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    assert intake.find_for_status_page(nominator.receipt_number.lower(), "13812345678") == nominator
    assert intake.find_for_status_page(nominator.receipt_number, "13800000000") is None
    assert intake.find_for_status_page("WRONG", "13812345678") is None


def test_status_lookup_of_a_merged_nominator_finds_only_their_own_receipt(campaign, jurisdictions):
    nomination, _ = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))
    _, second = intake.submit(campaign, nomination_data(jurisdictions["hexi"], nominator_phone="13900001111"))
    assert intake.find_for_status_page(nomination.tracking_number, "13900001111") is None
    found = intake.find_for_status_page(second.receipt_number, "13900001111")
    assert found == second and not found.is_original

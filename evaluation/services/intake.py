"""Nomination intake: the public form, the API and organisation submissions all end here."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from evaluation.choices import JurisdictionKind, Level, NominationMethod, StageKind
from evaluation.models import HeldTitle, Nomination, NominationPhoto, Nominator
from evaluation.models.nominations import new_tracking_number
from evaluation.privacy import crypto
from evaluation.services import audit
from evaluation.services.photos import check_photos
from evaluation.services.quotas import check_quota
from evaluation.workflows.nomination import Status

NAME_RE = re.compile(r"^[\u4e00-\u9fa5A-Za-z·•.\s]{2,30}$")


@dataclass
class NominationData:
    """Cleaned fields of one nomination (see forms.NominationForm for field-level checks)."""

    method: str
    channel: str
    category: str
    nominee_name: str
    gender: str
    birth_year: int
    id_number: str
    jurisdiction: object
    unit: str
    story: str
    nominator_name: str
    nominator_phone: str
    consent: bool = False
    photos: list = field(default_factory=list)


def neutralise(text):
    """Plain text only: tags are dropped, whitespace kept readable."""
    text = strip_tags(text or "")
    return re.sub(r"[ \t]+", " ", text).strip()


def check_eligibility(campaign, id_number, *, detailed=False):
    """Refuse people who already hold this level's title or a higher one.

    Only staff channels (`detailed`) learn which title and when: on a public
    form that would tell anyone with an ID number what honours its holder has.
    """
    check_held_titles(campaign.level, crypto.keyed_hash(id_number), detailed=detailed)


def check_held_titles(level, id_number_hash, *, detailed=False):
    """The eligibility rule by keyed hash: also used when an honouree is put forward a level up."""
    rank = Level.rank(level)
    for title in HeldTitle.objects.filter(id_number_hash=id_number_hash):
        if Level.rank(title.level) < rank:
            continue
        if not detailed:
            raise ValidationError("被推荐人不符合本次活动的推荐条件。", code="ineligible")
        raise ValidationError(
            f"被推荐人已获得“{title.title}”（{title.get_level_display()}，{title.awarded_on:%Y年%m月}），"
            f"按规定不再作为{Level(level).label}推荐对象。",
            code="ineligible",
        )


def check_story(campaign, story):
    length = len(story)
    if length < campaign.story_min_chars:
        raise ValidationError(f"事迹材料不少于{campaign.story_min_chars}字，当前{length}字。", code="story_short")
    if length > campaign.story_max_chars:
        raise ValidationError(f"事迹材料不超过{campaign.story_max_chars}字，当前{length}字。", code="story_long")


def first_status(jurisdiction, organisation=None):
    """Where review starts: grassroots organisations first review their own nominees."""
    if organisation is not None:
        return Status.PENDING_CITY if organisation.depth <= 2 else Status.PENDING_DISTRICT
    return Status.PENDING_GRASSROOTS if jurisdiction.kind == JurisdictionKind.GRASSROOTS else Status.PENDING_DISTRICT


def validate(campaign, data, *, public=True):
    """All checks that need no writes; raises ValidationError listing every problem."""
    errors = []
    if public and not campaign.stage_is_open(StageKind.NOMINATION):
        raise ValidationError("本次活动当前不在推荐阶段，暂不接受推荐。", code="closed")
    if data.category not in (campaign.categories or []):
        errors.append("本次活动不评选该类别。")
    if not NAME_RE.match(data.nominee_name):
        errors.append("被推荐人姓名应为2至30个汉字或字母。")
    if data.method == NominationMethod.SELF and not data.consent:
        errors.append("本人自荐须勾选同意公开事迹。")
    for check in (
        lambda: check_story(campaign, data.story),
        lambda: check_eligibility(campaign, data.id_number, detailed=not public),
    ):
        try:
            check()
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def _write(campaign, data, photos, *, actor, organisation, submission, status):
    existing = (
        Nomination.objects.select_for_update()
        .filter(campaign=campaign, id_number_hash=crypto.keyed_hash(data.id_number))
        .first()
    )
    merged = existing is not None
    if status == Status.PENDING_CITY and not merged:
        # Counted under the district's lock, in the transaction that writes (services/quotas.py).
        check_quota(campaign, organisation or data.jurisdiction)
    nomination = existing or Nomination(
        campaign=campaign,
        status=status,
        method=data.method,
        channel=data.channel,
        category=data.category,
        nominee_name=data.nominee_name,
        gender=data.gender,
        birth_year=data.birth_year,
        jurisdiction=data.jurisdiction,
        unit=data.unit,
        story=data.story,
        submitting_organisation=organisation,
        submission=submission,
    )
    if not merged:
        nomination.set_id_number(data.id_number)
        if data.method == NominationMethod.SELF and data.consent:
            nomination.consent_given = True
            nomination.consent_recorded_at = timezone.now()
            nomination.consent_note = "本人自荐时在表单中同意"
        if status == Status.PENDING_CITY:
            nomination.forwarded_at = timezone.now()
        nomination.save()
    # The first nominator's receipt is the tracking number; later ones get a receipt of their own
    # so that nothing of the existing nomination is revealed to them.
    nominator = Nominator(
        nomination=nomination,
        receipt_number=new_tracking_number() if merged else nomination.tracking_number,
        name=data.nominator_name,
        method=data.method,
        channel=data.channel,
        organisation=organisation,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        story=data.story if merged else "",
    )
    nominator.set_phone(data.nominator_phone)
    nominator.save()
    room = campaign.max_photos - (nomination.photos.count() if merged else 0)
    for photo in photos[: max(room, 0)]:
        NominationPhoto.objects.create(nomination=nomination, file=photo.content)
    if merged:
        audit.record(nomination, action="merged", actor=actor, nominators=nomination.nominators.count())
    else:
        audit.record(
            nomination, action="submitted", actor=actor, to_status=status, method=data.method, channel=data.channel
        )
    return nomination, nominator


def submit(campaign, data, *, actor=None, organisation=None, submission=None, public=True):
    """Validate and save one nomination; a nominee already nominated is merged. Returns (nomination, nominator).

    `nominator.is_original` is False after a merge; public channels show only the nominator's own receipt.
    """
    validate(campaign, data, public=public)
    photos = check_photos(data.photos, campaign)
    status = first_status(data.jurisdiction, organisation)
    try:
        return _write(
            campaign, data, photos, actor=actor, organisation=organisation, submission=submission, status=status
        )
    except IntegrityError:
        # Two submissions of the same nominee raced: the second one merges.
        return _write(
            campaign, data, photos, actor=actor, organisation=organisation, submission=submission, status=status
        )


def find_for_status_page(receipt_number, phone):
    """The nominator with this receipt number, if `phone` is theirs (with the nomination loaded)."""
    receipt_number = (receipt_number or "").strip().upper()
    phone_hash = crypto.keyed_hash((phone or "").strip())
    return (
        Nominator.objects.filter(receipt_number=receipt_number, phone_hash=phone_hash)
        .select_related("nomination__campaign")
        .first()
    )

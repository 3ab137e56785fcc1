"""Nomination intake: one cleaning function and one write for every way in.

The public form, the API, organisation spreadsheets and reserve carry-over all turn
their raw input into `NominationData` through `clean()`, so each rule is written once;
they differ only in how they show the errors. `submit()` then does what needs writes,
for every one of them.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluation.choices import JurisdictionKind, NominationMethod
from evaluation.models import Nomination, NominationPhoto, Nominator
from evaluation.models.nominations import new_tracking_number
from evaluation.privacy import crypto
from evaluation.services import audit, members
from evaluation.services.cleaning import (
    NominationData,
    check_eligibility,
    check_held_titles,
    check_stage_open,
    clean,
)
from evaluation.services.field_rules import (
    LABELS,
    NAME_RE,
    NominationInvalid,
    check_story,
    jurisdiction_choices,
    neutralise,
)
from evaluation.services.photos import check_photos
from evaluation.services.quotas import check_quota
from evaluation.workflows.nomination import Status

__all__ = [
    "LABELS",
    "NAME_RE",
    "NominationData",
    "NominationInvalid",
    "check_eligibility",
    "check_held_titles",
    "check_stage_open",
    "check_story",
    "clean",
    "find_for_status_page",
    "first_status",
    "jurisdiction_choices",
    "neutralise",
    "submit",
]


def first_status(jurisdiction, organisation=None):
    """Where review starts: grassroots organisations first review their own nominees."""
    if organisation is not None:
        return Status.PENDING_CITY if organisation.depth <= 2 else Status.PENDING_DISTRICT
    return Status.PENDING_GRASSROOTS if jurisdiction.kind == JurisdictionKind.GRASSROOTS else Status.PENDING_DISTRICT


def _existing(campaign, data):
    """The nomination this one merges into: the same person, or the same group from the same place."""
    if data.is_group:
        found = members.same_group(campaign, data.nominee_name, data.jurisdiction)
        return Nomination.objects.select_for_update().filter(pk=found.pk).first() if found else None
    return (
        Nomination.objects.select_for_update()
        .filter(campaign=campaign, id_number_hash=crypto.keyed_hash(data.id_number))
        .first()
    )


@transaction.atomic
def _write(campaign, data, photos, *, actor, organisation, submission, status, reserve_entry):
    existing = _existing(campaign, data)
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
        subject_kind=data.subject_kind,
        nominee_name=data.nominee_name,
        contact_name=data.contact_name,
        gender=data.gender or "",
        birth_year=data.birth_year,
        jurisdiction=data.jurisdiction,
        unit=data.unit,
        story=data.story,
        submitting_organisation=organisation,
        submission=submission,
        reserve_entry=reserve_entry,
    )
    if not merged:
        if data.is_group:
            nomination.set_contact_phone(data.contact_phone)
        else:
            nomination.set_id_number(data.id_number)
        if data.method == NominationMethod.SELF and data.consent:
            nomination.consent_given = True
            nomination.consent_recorded_at = timezone.now()
            nomination.consent_note = "本人自荐时在表单中同意"
        if status == Status.PENDING_CITY:
            nomination.forwarded_at = timezone.now()
        nomination.save()
        if data.is_group:
            members.write(nomination, data.members)
    # The first nominator's receipt is the tracking number; later ones get a receipt of their own
    # so that nothing of the existing nomination is revealed to them.
    nominator = Nominator(
        nomination=nomination,
        receipt_number=new_tracking_number() if merged else nomination.tracking_number,
        name=data.nominator_name,
        method=data.method,
        channel=data.channel,
        # Staff carrying a reserve entry nominate on behalf of the entry's place.
        organisation=reserve_entry.jurisdiction if reserve_entry is not None else organisation,
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
    elif reserve_entry is not None:
        audit.record(nomination, action="carried", actor=actor, to_status=status, reserve_entry=reserve_entry.pk)
    else:
        audit.record(
            nomination, action="submitted", actor=actor, to_status=status, method=data.method, channel=data.channel
        )
    return nomination, nominator


def submit(campaign, data, *, actor=None, organisation=None, submission=None, public=True, reserve_entry=None):
    """Save one nomination cleaned by `clean()`; a nominee already nominated is merged. Returns (nomination, nominator).

    Only what needs the database at write time is checked here: the photos, the quota under the
    district's lock and, for public channels, that the nomination stage is still open.

    `nominator.is_original` is False after a merge; public channels show only the nominator's own receipt.
    A `reserve_entry` (储备库) carried by city staff goes straight to the city, linked to its entry.
    """
    if public:
        check_stage_open(campaign)
    photos = check_photos(data.photos, campaign)
    status = Status.PENDING_CITY if reserve_entry is not None else first_status(data.jurisdiction, organisation)
    write = dict(
        actor=actor, organisation=organisation, submission=submission, status=status, reserve_entry=reserve_entry
    )
    try:
        return _write(campaign, data, photos, **write)
    except IntegrityError:
        # Two submissions of the same nominee raced: the second one merges.
        return _write(campaign, data, photos, **write)


def find_for_status_page(receipt_number, phone):
    """The nominator with this receipt number, if `phone` is theirs (with the nomination loaded)."""
    receipt_number = (receipt_number or "").strip().upper()
    phone_hash = crypto.keyed_hash((phone or "").strip())
    return (
        Nominator.objects.filter(receipt_number=receipt_number, phone_hash=phone_hash)
        .select_related("nomination__campaign")
        .first()
    )

"""Public copies of candidates' photos.

A nominee's upload stays in private storage.  Once the nomination is a public
candidate (accepted in preliminary review and the nominee agreed to publication),
each photo gets a copy as a Wagtail image in the “候选人照片” collection; public
pages show that copy and its renditions, never the upload.  Publishing is
idempotent: photos that already have a copy are left alone.
"""

import io
import secrets

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from evaluation.models import Nomination
from evaluation.services import audit
from evaluation.workflows.nomination import Status

COLLECTION_NAME = "候选人照片"


def is_public_candidate(nomination):
    return nomination.status == Status.ACCEPTED and nomination.consent_given


def public_candidates():
    """Nominations whose photos may appear on public pages."""
    return Nomination.objects.filter(status=Status.ACCEPTED, consent_given=True)


def candidate_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(name=COLLECTION_NAME)


def _copy(photo, nomination, collection):
    with photo.file.open("rb") as upload:
        data = upload.read()
    # A random file name: the public URL says nothing about the nominee or the private path.
    file = ImageFile(io.BytesIO(data), name=f"candidate-{secrets.token_hex(8)}.jpg")
    image = get_image_model()(
        title=f"候选人·{nomination.nominee_name}",
        collection=collection,
        file=file,
        file_size=len(data),
        file_hash=hash_filelike(file),
    )
    image.save()
    return image


@transaction.atomic
def publish(nomination, *, actor=None):
    """Give every photo of a public candidate its public copy; returns how many copies were made."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not is_public_candidate(nomination):
        return 0
    photos = list(nomination.photos.filter(public_image__isnull=True).order_by("pk"))
    if not photos:
        return 0
    collection = candidate_collection()
    for photo in photos:
        photo.public_image = _copy(photo, nomination, collection)
        photo.save(update_fields=["public_image"])
    audit.record(nomination, action="photos_published", actor=actor, photos=len(photos))
    return len(photos)

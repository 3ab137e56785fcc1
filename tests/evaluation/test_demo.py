"""The evaluation demo exercises the private-file paths: nominee photos, a sealed PDF, a published candidate photo."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from evaluation import demo
from evaluation.models import NominationPhoto, OrganisationSubmission


@pytest.fixture
def loaded(demo_site, db):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_site["roll"]


def test_demo_has_a_sealed_pdf_served_to_the_district_reviewer(client, loaded):
    submission = OrganisationSubmission.objects.get()
    assert submission.row_count == 2 and submission.nominations.count() == 2
    with submission.document.open("rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert Path(submission.document.path).resolve().is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())

    client.force_login(get_user_model().objects.get(username="district1_reviewer"))
    response = client.get(reverse("evaluation:submission_document", args=[submission.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    client.force_login(get_user_model().objects.get(username="district2_reviewer"))
    assert client.get(reverse("evaluation:submission_document", args=[submission.pk])).status_code == 404


def test_demo_photos_are_private_and_the_candidate_has_a_published_copy(loaded):
    photos = NominationPhoto.objects.select_related("nomination")
    assert photos.count() >= len(demo.STORIES)
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert all(Path(photo.file.path).resolve().is_relative_to(private_root) for photo in photos)
    published = [photo for photo in photos if photo.public_image_id]
    assert published, "the accepted, consenting demo nominee has a public photo"
    assert all(p.nomination.status == "accepted" and p.nomination.consent_given for p in published)

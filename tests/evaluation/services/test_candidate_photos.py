"""A public candidate's photo is shown as a published copy; the upload never reaches a public page."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.images import get_image_model

from evaluation.models import Nomination, NominationEvent
from evaluation.services import candidate_photos, intake, review
from evaluation.workflows.nomination import Action, Status
from tests.factories.evaluation import make_id_number, nomination_data, photo_upload


@pytest.fixture
def pending_city(campaign, jurisdictions):
    """A nomination with a photo waiting for the city's preliminary review."""
    nomination = intake.submit(
        campaign, nomination_data(jurisdictions["hexi"], nominee_name="公开好人", photos=[photo_upload()])
    )[0]
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.PENDING_CITY)
    nomination.refresh_from_db()
    return nomination


def candidates_page(client, campaign_page):
    return client.get(campaign_page.url + "candidates/").content.decode()


def assert_no_private_address(content, photo):
    assert photo.file.name not in content
    assert "/evaluation/files/" not in content
    assert str(settings.PRIVATE_MEDIA_ROOT) not in content


def test_acceptance_with_consent_publishes_a_copy_shown_on_the_candidates_page(
    client, staff, pending_city, campaign_page
):
    review.record_consent(pending_city, actor=staff["city_staff"], note="电话确认")
    photo = pending_city.photos.get()
    assert photo.public_image is None, "consent alone does not make a public candidate"

    review.review(pending_city, actor=staff["city_staff"], action=Action.APPROVE)

    photo.refresh_from_db()
    image = photo.public_image
    assert image is not None and image.collection.name == candidate_photos.COLLECTION_NAME
    assert image.file.name.startswith("original_images/") and "公开好人" not in image.file.name
    content = candidates_page(client, campaign_page)
    rendition = image.get_rendition("fill-300x400")
    assert "公开好人" in content and rendition.url in content
    assert rendition.url.startswith(settings.MEDIA_URL + "images/")
    assert_no_private_address(content, photo)
    assert client.get(rendition.url).status_code == 200
    assert NominationEvent.objects.filter(nomination=pending_city, action="photos_published").count() == 1


def test_consent_recorded_after_acceptance_also_publishes(staff, pending_city):
    review.review(pending_city, actor=staff["city_staff"], action=Action.APPROVE)
    assert pending_city.photos.get().public_image is None
    review.record_consent(pending_city, actor=staff["city_staff"], note="书面签字")
    assert pending_city.photos.get().public_image is not None


def test_without_consent_nothing_is_copied_or_shown(client, staff, pending_city, campaign_page):
    review.review(pending_city, actor=staff["city_staff"], action=Action.APPROVE)
    photo = pending_city.photos.get()
    assert photo.public_image is None and get_image_model().objects.count() == 0
    content = candidates_page(client, campaign_page)
    assert "公开好人" not in content
    assert_no_private_address(content, photo)


def test_earlier_candidates_get_their_copy_from_the_command_once(client, campaign, jurisdictions, campaign_page):
    nomination = intake.submit(
        campaign,
        nomination_data(
            jurisdictions["hexi"], nominee_name="早先好人", id_number=make_id_number(seq="334"), photos=[photo_upload()]
        ),
    )[0]
    # Accepted before photos were published (e.g. the demo or data from an earlier version).
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.ACCEPTED, consent_given=True)
    photo = nomination.photos.get()
    content = candidates_page(client, campaign_page)
    # Until its photo is published, the card shows the placeholder (never the upload).
    assert "早先好人" in content and "早先好人（暂无照片）" in content
    assert_no_private_address(content, photo)

    first, second = io.StringIO(), io.StringIO()
    call_command("publish_candidate_photos", stdout=first)
    call_command("publish_candidate_photos", stdout=second)
    assert "1张" in first.getvalue() and "0张" in second.getvalue()

    photo.refresh_from_db()
    assert get_image_model().objects.count() == 1
    content = candidates_page(client, campaign_page)
    assert photo.public_image.get_rendition("fill-300x400").url in content
    assert_no_private_address(content, photo)

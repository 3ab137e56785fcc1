"""Oversized nominations are refused with 413 before their upload is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler

from evaluation.models import Nomination
from tests.evaluation.pages.test_campaign_page import form_data, fresh_captcha
from tests.factories.evaluation import photo_upload

READ = []


class RecordingUploadHandler(MemoryFileUploadHandler):
    """Notes every upload Django starts to read."""

    def new_file(self, field_name, *args, **kwargs):
        READ.append(field_name)
        return super().new_file(field_name, *args, **kwargs)


@pytest.fixture
def small_photos(campaign, settings):
    campaign.max_photos = 1
    campaign.photo_max_bytes = 20 * 1024
    campaign.save()
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    READ.clear()
    return campaign


def big_photo():
    """256 KB: far above the campaign's 20 KB limit."""
    return SimpleUploadedFile("big.jpg", b"\xff\xd8" + bytes(range(256)) * 1024, content_type="image/jpeg")


def test_form_refuses_an_oversized_nomination_before_reading_it(client, jurisdictions, campaign_page, small_photos):
    url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(client, url)
    response = client.post(url, {**form_data(jurisdictions["hexi"], token, answer), "photos": [big_photo()]})
    assert response.status_code == 413
    html = response.content.decode()
    assert "提交的内容过大" in html and "最多 1 张" in html
    assert READ == [], "the upload must not be parsed"
    assert Nomination.objects.count() == 0


def test_form_accepts_a_nomination_within_the_limit(client, jurisdictions, campaign_page, small_photos):
    url = campaign_page.url + "nominate/"
    token, answer = fresh_captcha(client, url)
    response = client.post(url, {**form_data(jurisdictions["hexi"], token, answer), "photos": [photo_upload()]})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Nomination.objects.count() == 1


def test_api_refuses_an_oversized_nomination_with_its_error_shape(client, small_photos):
    response = client.post("/api/v1/nominations", {"campaign": small_photos.pk, "photos": [big_photo()]})
    assert response.status_code == 413
    body = response.json()
    assert "提交的内容过大" in body["message"] and body["errors"] == {}
    assert READ == []

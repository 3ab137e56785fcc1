"""Nominee photos and sealed PDFs: stored outside MEDIA_ROOT, served only to staff whose jurisdiction covers them."""

import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from evaluation.models import OrganisationSubmission
from evaluation.services import intake
from tests.factories.evaluation import nomination_data, photo_upload

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def photo(campaign, jurisdictions):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi_street"], photos=[photo_upload()]))[0]
    return nomination.photos.get()


@pytest.fixture
def submission(campaign, jurisdictions):
    submission = OrganisationSubmission(campaign=campaign, organisation=jurisdictions["hexi_street"], row_count=1)
    submission.document.save("submission.pdf", ContentFile(PDF), save=False)
    submission.save()
    return submission


def photo_url(photo):
    return reverse("evaluation:photo", args=[photo.pk])


def document_url(submission):
    return reverse("evaluation:submission_document", args=[submission.pk])


def stored_bytes(fieldfile):
    with fieldfile.open("rb") as f:
        return f.read()


def test_uploads_are_stored_outside_media_root_and_have_no_public_url(photo, submission):
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for fieldfile in (photo.file, submission.document):
        path = Path(fieldfile.path).resolve()
        assert path.is_file() and path.is_relative_to(private_root)
        assert not path.is_relative_to(media_root)
        assert not (media_root / fieldfile.name).exists()
        with pytest.raises(ValueError):
            fieldfile.url  # noqa: B018


def test_anonymous_visitors_are_sent_to_the_login_page(client, photo, submission):
    for url in (photo_url(photo), document_url(submission)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
        assert b"JFIF" not in response.content and b"%PDF" not in response.content


@pytest.mark.parametrize(
    "username,allowed",
    [
        ("city_staff", True),
        ("hexi_reviewer", True),
        ("hexi_submitter", True),
        ("cg_reviewer", False),
        ("cg_submitter", False),
        ("expert", False),
        ("editor", False),
    ],
)
def test_photo_is_served_only_within_the_jurisdiction(client, staff, photo, username, allowed):
    client.force_login(staff[username])
    response = client.get(photo_url(photo))
    if not allowed:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored_bytes(photo.file)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "username,allowed",
    [("city_staff", True), ("hexi_reviewer", True), ("cg_reviewer", False), ("expert", False)],
)
def test_sealed_pdf_is_an_attachment_for_covering_staff_only(client, staff, submission, username, allowed):
    client.force_login(staff[username])
    response = client.get(document_url(submission))
    if not allowed:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_looks_the_same_as_a_forbidden_one(client, staff, photo):
    client.force_login(staff["cg_reviewer"])
    forbidden_url, missing_url = photo_url(photo), reverse("evaluation:photo", args=[photo.pk + 1000])
    forbidden, missing = client.get(forbidden_url), client.get(missing_url)
    assert forbidden.status_code == missing.status_code == 404
    # The 404 page may echo the address; apart from that the two answers are identical.
    assert forbidden.content.replace(forbidden_url.encode(), b"") == missing.content.replace(missing_url.encode(), b"")


def test_x_accel_redirect_hands_the_file_to_nginx(client, staff, photo, submission, settings):
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/_private/"
    client.force_login(staff["hexi_reviewer"])
    response = client.get(photo_url(photo))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{photo.file.name}"
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("inline")
    pdf = client.get(document_url(submission))
    assert pdf["X-Accel-Redirect"] == f"/_private/{submission.document.name}"
    assert pdf["Content-Disposition"].startswith("attachment")

    client.force_login(staff["cg_reviewer"])
    refused = client.get(photo_url(photo))
    assert refused.status_code == 404 and not refused.has_header("X-Accel-Redirect")


def test_admin_inspect_page_links_the_checked_view_not_the_storage(client, staff, photo):
    client.force_login(staff["hexi_reviewer"])
    url = reverse("evaluation_nominations:inspect", args=[photo.nomination_id])
    content = client.get(url).content.decode()
    assert f'src="{photo_url(photo)}"' in content
    assert photo.file.name not in content and settings.MEDIA_URL + "evaluation" not in content


def test_submission_inspect_page_links_the_pdf_through_the_checked_view(client, staff, submission):
    client.force_login(staff["city_staff"])
    content = client.get(reverse("evaluation_submissions:inspect", args=[submission.pk])).content.decode()
    assert document_url(submission) in content
    assert submission.document.name not in content


def test_migration_moves_earlier_uploads_out_of_media_root(photo):
    from django.apps import apps

    migration = importlib.import_module("evaluation.migrations.0004_privfiles_private_storage")
    public, private = storages["default"], storages["private"]
    data = stored_bytes(photo.file)
    public.save(photo.file.name, ContentFile(data))  # where uploads lived before private storage
    private.delete(photo.file.name)

    migration.move_uploads_out_of_media_root(apps, None)

    assert not public.exists(photo.file.name)
    assert stored_bytes(photo.file) == data
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, photo.file.name))

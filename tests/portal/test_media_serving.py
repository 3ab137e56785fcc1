"""/media/ serves Wagtail images only; documents go through Wagtail's view so collection privacy holds."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

CIRCULAR = b"%PDF-1.4\n% public circular\n%%EOF\n"
MINUTES = b"%PDF-1.4\n% internal minutes\n%%EOF\n"


def make_document(title, data, collection=None):
    document = get_document_model()(
        title=title,
        file=ContentFile(data, name=f"{title}.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def public_document(db):
    return make_document("circular", CIRCULAR)


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="内部文件")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return make_document("minutes", MINUTES, collection)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_documents_are_not_reachable_under_media(client, public_document, private_document):
    for document in (public_document, private_document):
        name = document.file.name
        assert name.startswith("documents/") and document.file.storage.exists(name)
        for url in (
            f"{settings.MEDIA_URL}{name}",
            f"{settings.MEDIA_URL}images/../{name}",
            f"{settings.MEDIA_URL}original_images/%2e%2e/{name}",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"%PDF" not in body(response)


def test_wagtail_document_view_serves_public_and_refuses_private_documents(client, public_document, private_document):
    assert public_document.url.startswith("/documents/")
    response = client.get(public_document.url)
    assert response.status_code == 200 and body(response) == CIRCULAR

    refused = client.get(private_document.url)
    assert refused.status_code == 302 and MINUTES not in body(refused)

    user = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(user)
    assert body(client.get(private_document.url)) == MINUTES


def test_wagtail_images_are_still_served_under_media(client, db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), (10, 120, 200)).save(buffer, "PNG")
    image = get_image_model()(title="街景", file=ImageFile(buffer, name="street.png"))
    image._set_image_file_metadata()
    image.save()
    assert client.get(image.file.url).status_code == 200
    rendition = image.get_rendition("fill-30x20")
    assert client.get(rendition.url).status_code == 200


def test_nothing_outside_the_image_folders_is_served(client, db):
    from django.core.files.storage import default_storage

    for name in ("evaluation/photos/2026/01/old.jpg", "secret.txt"):
        saved = default_storage.save(name, ContentFile(b"private bytes"))
        assert client.get(f"{settings.MEDIA_URL}{saved}").status_code == 404

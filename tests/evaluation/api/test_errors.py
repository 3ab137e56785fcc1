"""Malformed requests get a 4xx in the API's documented shape, never a 500 or an HTML page."""

import pytest
from django.test import Client


def assert_error_shape(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "errors"} and body["message"]
    assert isinstance(body["errors"], dict)
    return body


@pytest.mark.django_db
def test_multipart_without_boundary(client):
    response = client.generic("POST", "/api/v1/nominations", b"--x\r\n", content_type="multipart/form-data")
    assert "格式" in assert_error_shape(response, 400)["message"]


@pytest.mark.django_db
def test_wrong_content_type_names_the_missing_fields(client):
    response = client.post("/api/v1/nominations", {"campaign": 1}, content_type="application/json")
    body = assert_error_shape(response, 400)
    assert body["errors"]["campaign"] == ["此项为必填项。"]
    assert "captcha_key" in body["errors"]


@pytest.mark.django_db
def test_wrong_types_are_field_errors(client):
    response = client.post(
        "/api/v1/nominations/status", {"receipt_number": "ABCDEFGH"}, content_type="application/json"
    )
    assert assert_error_shape(response, 400)["errors"] == {"phone": ["此项为必填项。"]}


@pytest.mark.django_db
def test_oversized_fields(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/api/v1/nominations", {"campaign": 1, "story": "好" * 2000})
    assert assert_error_shape(response, 413)


@pytest.mark.django_db
def test_too_many_fields(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post("/api/v1/nominations", {f"f{i}": "x" for i in range(10)})
    assert_error_shape(response, 400)


@pytest.mark.django_db
def test_invalid_json(admin_client):
    response = admin_client.generic(
        "POST", "/api/v1/review/nominations/1/review", b"{not json", content_type="application/json"
    )
    assert_error_shape(response, 400)


@pytest.mark.django_db
def test_not_logged_in_and_not_found(client, admin_client):
    assert assert_error_shape(client.get("/api/v1/review/nominations"), 401)["message"] == "请先登录。"
    assert_error_shape(admin_client.get("/api/v1/review/nominations/999"), 404)


@pytest.mark.django_db
def test_csrf_failure(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/review/nominations/1/review", {"action": "approve"}, content_type="application/json"
    )
    assert "CSRF" in assert_error_shape(response, 403)["message"]

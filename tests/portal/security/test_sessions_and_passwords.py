"""Staff sessions end with the browser and after a working day; passwords need 10 characters."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

PASSWORD = "correct-horse-42"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="editor", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_session_limits():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_sign_in_sets_a_browser_session_cookie_even_when_remember_me_is_posted(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": PASSWORD, "remember": "on"})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]
    assert client.session.get_expiry_age() == 8 * 3600


def test_login_page_offers_no_remember_me(client, db):
    assert 'name="remember"' not in client.get("/admin/login/").content.decode()


def test_password_change_refuses_fewer_than_ten_characters(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "Qz7#kLm2p",
            "password-new_password2": "Qz7#kLm2p",
        },
    )
    assert "密码太短，至少需要 10 个字符。" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_ten_characters_are_enough(editor):
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError) as short:
        validate_password("Qz7#kLm2p", editor)
    assert short.value.messages == ["密码太短，至少需要 10 个字符。"]
    validate_password("Qz7#kLm2pX", editor)

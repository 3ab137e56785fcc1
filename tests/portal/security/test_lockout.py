"""Wrong passwords lock a username on one address; a superuser unlocks it from the admin."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import override_settings

LOGIN = "/admin/login/"
LOCKOUTS = "/admin/security/lockouts/"
PASSWORD = "correct-horse-42"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="editor", password=PASSWORD)
    user.user_permissions.add(_access_admin())
    return user


def _access_admin():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def sign_in(client, username, password, address="10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address)
    return response


def test_five_wrong_passwords_lock_the_account_with_a_chinese_message(client, editor):
    response = fail(client, "editor", 4)
    assert response.status_code == 200  # still the ordinary "wrong password" form

    response = fail(client, "editor", 1)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "30 分钟" in page
    assert 'name="password"' in page  # Wagtail's sign-in form, not a bare error page

    # Even the right password is refused now.
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client, editor):
    fail(client, "editor", 5, address="10.0.0.1")
    response = sign_in(client, "editor", PASSWORD, address="10.0.0.2")
    assert response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(NUM_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_is_locked(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong", address="172.16.0.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    # Another visitor behind the same proxy can still sign in.
    response = sign_in(client, "editor", PASSWORD, address="172.16.0.9", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failure_limit_comes_from_settings(client, editor):
    assert fail(client, "editor", 3).status_code == 429


def test_superuser_sees_locked_accounts_and_unlocks_them(client, editor):
    fail(client, "editor", 5)
    admin = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    admin_client = type(client)()
    admin_client.force_login(admin)

    page = admin_client.get(LOCKOUTS).content.decode()
    assert "editor" in page and "10.0.0.1" in page and "解锁" in page

    attempt = AccessAttempt.objects.get(username="editor")
    response = admin_client.post(f"{LOCKOUTS}{attempt.pk}/unlock/", follow=True)
    assert "已解除账号“editor”在 10.0.0.1 的登录锁定" in response.content.decode()
    assert "目前没有被锁定的账号" in response.content.decode()

    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_lockout_screen_is_for_superusers_only(client, editor):
    client.force_login(editor)
    fail(type(client)(), "editor", 5)
    attempt = AccessAttempt.objects.get()
    # Wagtail turns a refusal into a redirect to the dashboard.
    assert client.get(LOCKOUTS)["Location"] == "/admin/"
    assert client.post(f"{LOCKOUTS}{attempt.pk}/unlock/")["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_lockout_screen_is_in_the_settings_menu_for_superusers(client, editor):
    admin = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    client.force_login(admin)
    assert LOCKOUTS in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert LOCKOUTS not in client.get("/admin/").content.decode()

"""Two-factor sign-in: who is forced to enrol, enrolment by QR code, code entry before the admin."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from evaluation import demo
from evaluation.choices import Role
from tests.factories.evaluation import build_jurisdictions, make_staff

LOGIN = "/admin/login/"
VERIFY = "/admin/security/two-factor/"
ENROL = "/admin/security/two-factor/enrol/"
PASSWORD = "correct-horse-42"

required = override_settings(STAFF_2FA_REQUIRED=True)


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD})


@pytest.fixture
def jurisdictions(db):
    return build_jurisdictions()


@pytest.fixture
def city_staff(jurisdictions):
    # evaluation's `requires_two_factor` hook names city staff
    return make_staff("city_staff", Role.CITY_STAFF, jurisdictions["city"])


@pytest.fixture
def district_reviewer(jurisdictions):
    return make_staff("reviewer", Role.DISTRICT_REVIEWER, jurisdictions["hexi"])


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(username="editor", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@required
def test_city_staff_must_enrol_then_reaches_the_admin(client, city_staff):
    sign_in(client, city_staff)
    response = client.get("/admin/evaluation/nominations/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)

    page = client.get(response["Location"]).content.decode()
    assert "启用两步验证" in page and "<svg" in page and "完整身份证号" in page
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=city_staff, confirmed=False)
    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key  # the key shown is the device's

    response = client.post(ENROL, {"otp_token": "000000" if code_for(device) != "000000" else "111111"})
    assert "验证码不正确或已过期" in response.content.decode()
    assert client.get("/admin/evaluation/nominations/").status_code == 302  # still held

    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code
    response = client.post(ENROL, {"otp_token": code_for(device), "next": "/admin/evaluation/nominations/"})
    assert response["Location"] == "/admin/evaluation/nominations/"
    assert TOTPDevice.objects.get(user=city_staff).confirmed
    assert client.get("/admin/evaluation/nominations/").status_code == 200


@required
def test_enrolled_staff_enter_a_code_at_each_sign_in(client, city_staff):
    device = TOTPDevice.objects.create(user=city_staff, name="app", confirmed=True)
    response = sign_in(client, city_staff)
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert "输入验证码" in client.get(VERIFY).content.decode()

    response = client.post(VERIFY, {"otp_token": "12345"})
    assert "请输入 6 位数字验证码" in response.content.decode()
    wrong = code_for(device, offset=5)
    response = client.post(VERIFY, {"otp_token": wrong})
    assert "验证码不正确或已过期" in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response = client.post(VERIFY, {"otp_token": code_for(device)})
    assert "请等待 1 秒后再试" in response.content.decode()  # guessing is slowed down

    time.sleep(1.1)
    response = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@required
def test_unverified_session_gets_no_staff_api_or_django_admin(client, city_staff):
    TOTPDevice.objects.create(user=city_staff, name="app", confirmed=True)
    sign_in(client, city_staff)
    assert client.get("/api/v1/review/nominations").status_code == 401
    assert client.get("/django-admin/")["Location"].startswith(VERIFY)


@required
def test_superuser_is_forced_too(client, db):
    admin = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    sign_in(client, admin)
    assert client.get("/admin/")["Location"].startswith(ENROL)


@required
def test_district_reviewer_is_not_forced(client, district_reviewer):
    sign_in(client, district_reviewer)
    assert client.get("/admin/").status_code == 200
    assert ENROL in client.get("/admin/account/").content.decode()  # optional, offered


@required
def test_plain_editor_is_not_forced_but_may_enrol_from_the_account(client, editor):
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert "两步验证" in account and ENROL in account
    assert "<svg" in client.get(ENROL).content.decode()


@override_settings(STAFF_2FA_REQUIRED=False)
def test_with_the_setting_off_a_password_reaches_the_dashboard(client, city_staff):
    city_staff.set_password(demo.PASSWORD)
    city_staff.save()
    response = client.post(LOGIN, {"username": "city_staff", "password": demo.PASSWORD})
    assert response["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtailadmin/home.html" in [t.name for t in response.templates]

"""Role × action × own/other jurisdiction, through the admin views and the API."""

import pytest
from django.urls import reverse

from evaluation.services import intake
from tests.factories.evaluation import make_id_number, nomination_data

NAMES = {"hexi_street": "柳巷王秀英", "hexi": "河西张建国", "cg_street": "府东刘芳", "unit": "电力李强"}


@pytest.fixture
def nominations(campaign, jurisdictions, staff):
    made = {}
    for i, (key, name) in enumerate(NAMES.items()):
        made[key] = intake.submit(
            campaign,
            nomination_data(jurisdictions[key], nominee_name=name, id_number=make_id_number(seq=f"{i}04")),
        )[0]
    return made


def admin_url(name, pk=None):
    return reverse(f"evaluation_nominations:{name}", args=[pk] if pk else [])


# Which nominations each role sees (by jurisdiction key).
VISIBLE = {
    "city_staff": {"hexi_street", "hexi", "cg_street", "unit"},
    "hexi_reviewer": {"hexi_street", "hexi"},
    "cg_reviewer": {"cg_street"},
    "hexi_submitter": {"hexi_street"},
    "cg_submitter": {"cg_street"},
}


@pytest.mark.parametrize("role", list(VISIBLE))
def test_listing_shows_only_own_jurisdiction(client, staff, nominations, role):
    client.force_login(staff[role])
    content = client.get(admin_url("index")).content.decode()
    for key, name in NAMES.items():
        assert (name in content) == (key in VISIBLE[role]), f"{role} / {key}"


@pytest.mark.parametrize("role", list(VISIBLE))
@pytest.mark.parametrize("view", ["inspect", "history", "usage", "review", "consent", "edit", "delete"])
def test_object_views_hide_other_jurisdictions(client, staff, nominations, role, view):
    client.force_login(staff[role])
    for key, nomination in nominations.items():
        status = client.get(admin_url(view, nomination.pk)).status_code
        if key not in VISIBLE[role]:
            assert status == 404, f"{role} {view} other {key}: {status}"
        else:
            assert status in (200, 302, 403), f"{role} {view} own {key}: {status}"


EXPECTED_OWN = {
    # role: {view: outcome on a visible, freshly submitted nomination}
    "city_staff": {"inspect": "ok", "history": "ok", "edit": "ok", "delete": "denied"},
    "hexi_reviewer": {"inspect": "ok", "history": "ok", "edit": "denied", "delete": "denied"},
    "hexi_submitter": {"inspect": "ok", "history": "ok", "edit": "denied", "delete": "denied"},
}


def outcome(response):
    """Wagtail answers a refused model permission with a redirect to the dashboard, ours with 403."""
    if response.status_code == 200:
        return "ok"
    if response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"):
        return "denied"
    return response.status_code


@pytest.mark.parametrize("role", list(EXPECTED_OWN))
def test_object_views_on_own_jurisdiction(client, staff, nominations, role):
    client.force_login(staff[role])
    target = nominations["hexi_street"]
    for view, expected in EXPECTED_OWN[role].items():
        assert outcome(client.get(admin_url(view, target.pk))) == expected, f"{role} {view}"


def test_review_screen_only_for_the_current_step(client, staff, nominations):
    grassroots = nominations["hexi_street"]
    client.force_login(staff["hexi_submitter"])
    assert client.get(admin_url("review", grassroots.pk)).status_code == 200
    client.force_login(staff["city_staff"])
    assert outcome(client.get(admin_url("review", grassroots.pk))) == "denied"


@pytest.mark.parametrize("role", ["expert", "editor"])
def test_experts_and_editors_have_no_nomination_screens(client, staff, nominations, role):
    client.force_login(staff[role])
    assert client.get(admin_url("index")).status_code in (302, 403)
    assert client.get(admin_url("inspect", nominations["hexi"].pk)).status_code in (302, 403, 404)
    assert client.get("/api/v1/review/nominations").status_code == 403


@pytest.mark.parametrize("role", list(VISIBLE))
def test_api_is_scoped_like_the_admin(client, staff, nominations, role):
    client.force_login(staff[role])
    listed = {row["nominee_name"] for row in client.get("/api/v1/review/nominations").json()}
    assert listed == {NAMES[k] for k in VISIBLE[role]}
    for key, nomination in nominations.items():
        status = client.get(f"/api/v1/review/nominations/{nomination.pk}").status_code
        assert status == (200 if key in VISIBLE[role] else 404)


def test_api_review_respects_jurisdiction_and_step(client, staff, nominations):
    target = nominations["hexi_street"]
    url = f"/api/v1/review/nominations/{target.pk}/review"
    client.force_login(staff["cg_submitter"])
    assert client.post(url, {"action": "approve"}, content_type="application/json").status_code == 404
    client.force_login(staff["city_staff"])
    assert client.post(url, {"action": "approve"}, content_type="application/json").status_code == 403
    client.force_login(staff["hexi_submitter"])
    response = client.post(url, {"action": "approve"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "pending_district"
    assert client.post(url, {"action": "approve"}, content_type="application/json").status_code in (403, 409)


def test_api_requires_login(client, nominations):
    assert client.get("/api/v1/review/nominations").status_code == 401


def test_full_id_number_only_for_city_staff(client, staff, nominations):
    full = nominations["hexi"].reveal_id_number()
    client.force_login(staff["hexi_reviewer"])
    assert full not in client.get(admin_url("inspect", nominations["hexi"].pk)).content.decode()
    assert client.get(f"/api/v1/review/nominations/{nominations['hexi'].pk}").json()["id_number"] != full
    client.force_login(staff["city_staff"])
    assert full in client.get(admin_url("inspect", nominations["hexi"].pk)).content.decode()
    assert client.get(f"/api/v1/review/nominations/{nominations['hexi'].pk}").json()["id_number"] == full


def test_exports_are_scoped_and_masked(client, staff, nominations):
    full = nominations["hexi"].reveal_id_number()
    client.force_login(staff["hexi_reviewer"])
    csv = client.get(admin_url("index") + "?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "河西张建国" in body and "府东刘芳" not in body
    assert full not in body and nominations["hexi"].id_number_masked in body
    assert "13812345678" not in body and "138****5678" in body
    xlsx = client.get(admin_url("index") + "?export=xlsx")
    assert xlsx.status_code == 200
    client.force_login(staff["city_staff"])
    csv = client.get(admin_url("index") + "?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert full in body


@pytest.mark.parametrize(
    "role,expected",
    [
        ("hexi_submitter", {"hexi_street"}),
        ("hexi_reviewer", {"hexi", "hexi_street"}),
        ("city_staff", set()),
    ],
)
def test_awaiting_me_filter(client, staff, nominations, role, expected):
    client.force_login(staff[role])
    content = client.get(admin_url("index"), {"awaiting_me": "true"}).content.decode()
    assert {key for key, name in NAMES.items() if name in content} == expected


def test_the_nominees_name_opens_the_screen_the_user_may_use(client, staff, nominations):
    """In the listing the name links to the review for whoever decides the step, to the details for others."""
    from bs4 import BeautifulSoup

    nomination = nominations["hexi_street"]  # waiting for grassroots review
    for role, expected in (("hexi_submitter", "review"), ("city_staff", "inspect")):
        client.force_login(staff[role])
        soup = BeautifulSoup(client.get(admin_url("index")).content, "html.parser")
        link = soup.find("a", string=lambda text: text and NAMES["hexi_street"] in text)
        assert link is not None and link["href"] == admin_url(expected, nomination.pk), role

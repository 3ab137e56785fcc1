"""Admin screens for organisation bulk submission: who may use them, the download, the upload and its report."""

import io
from urllib.parse import unquote

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from wagtail import hooks

from evaluation.choices import Role
from evaluation.models import Nomination, Nominator, OrganisationSubmission, StaffProfile
from evaluation.services import imports
from evaluation.workflows.nomination import Status
from tests.evaluation.services.test_imports import PDF, filled_template, person, second_person

UPLOAD_URL = "/admin/evaluation/imports/"


def template_url(campaign):
    return f"/admin/evaluation/imports/{campaign.pk}/template/"


def upload(client, campaign, rows, organisation, document=PDF):
    return client.post(
        UPLOAD_URL,
        {
            "campaign": campaign.pk,
            "spreadsheet": SimpleUploadedFile("名单.xlsx", filled_template(campaign, rows, organisation)),
            "document": SimpleUploadedFile("推荐文件.pdf", document, content_type="application/pdf"),
        },
    )


def counts():
    return Nomination.objects.count(), Nominator.objects.count(), OrganisationSubmission.objects.count()


def superuser(profile_jurisdiction=None):
    user = get_user_model().objects.create_superuser(username="root", password="pw")
    if profile_jurisdiction is not None:
        StaffProfile.objects.create(user=user, role=Role.CITY_STAFF, jurisdiction=profile_jurisdiction)
    return user


def test_unit_submitter_sees_the_form_with_template_links(client, staff, campaign):
    client.force_login(staff["hexi_submitter"])
    response = client.get(UPLOAD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "单位批量报送" in html and "河西区柳巷街道" in html
    assert template_url(campaign) in html
    assert 'name="spreadsheet"' in html and 'name="document"' in html and 'name="campaign"' in html


def test_unit_submitter_downloads_the_template_of_a_campaign(client, staff, campaign):
    client.force_login(staff["hexi_submitter"])
    response = client.get(template_url(campaign))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''", 1)[1]) == f"{campaign.title}-组织推荐名单模板.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [imports.LIST_SHEET, "填写说明"]
    offered = {row[6] for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True) if row[6]}
    assert offered == {"河西区柳巷街道"}


def test_template_of_a_missing_campaign_is_404(client, staff, campaign):
    client.force_login(staff["hexi_submitter"])
    assert client.get("/admin/evaluation/imports/999999/template/").status_code == 404


def test_unit_submitter_uploads_a_list(client, staff, campaign, jurisdictions):
    client.force_login(staff["hexi_submitter"])
    response = upload(client, campaign, [person(), second_person()], jurisdictions["hexi_street"])
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    submission = OrganisationSubmission.objects.get()
    assert submission.organisation == jurisdictions["hexi_street"] and submission.row_count == 2
    assert set(submission.nominations.values_list("status", flat=True)) == {Status.PENDING_DISTRICT}
    page = client.get(response["Location"]).content.decode()
    assert f"已向“{campaign.title}”报送2人。" in page


def test_district_reviewer_upload_goes_to_the_city(client, staff, campaign, jurisdictions):
    client.force_login(staff["hexi_reviewer"])
    response = upload(client, campaign, [person(), second_person(**{"所属辖区/单位": "河西区"})], jurisdictions["hexi"])
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("status", flat=True)) == {Status.PENDING_CITY}
    assert OrganisationSubmission.objects.get().organisation == jurisdictions["hexi"]


def test_failed_upload_shows_the_report_and_keeps_the_form(client, staff, campaign, jurisdictions):
    client.force_login(staff["hexi_submitter"])
    before = counts()
    rows = [person(推荐人手机号="1381234567"), second_person(**{"所属辖区/单位": "城关区府东街道"})]
    response = upload(client, campaign, rows, jurisdictions["hexi_street"], document=b"not a pdf")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-report"' in html and "名单未导入：共发现3处问题" in html
    assert "第3行" in html and "推荐人手机号" in html and "第4行" in html and "所属辖区/单位" in html
    assert "赵建国" in html and "正式推荐文件" in html
    assert "1381234567" not in html
    assert f'<option value="{campaign.pk}" selected>' in html
    assert counts() == before


def test_upload_without_files_shows_field_errors(client, staff, campaign):
    client.force_login(staff["hexi_submitter"])
    response = client.post(UPLOAD_URL, {"campaign": campaign.pk})
    assert response.status_code == 200
    assert 'id="import-report"' not in response.content.decode()
    assert set(response.context["form"].errors) == {"spreadsheet", "document"}


@pytest.mark.parametrize("role", ["city_staff", "expert", "editor"])
def test_other_roles_are_refused(client, staff, campaign, jurisdictions, role):
    client.force_login(staff[role])
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.get(template_url(campaign)).status_code == 403
    response = upload(client, campaign, [person()], jurisdictions["hexi_street"])
    assert response.status_code == 403
    assert counts() == (0, 0, 0)


def test_admin_user_without_a_staff_profile_is_refused(client, db, campaign):
    user = get_user_model().objects.create_user(username="plain", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code == 403


def test_superuser_needs_a_staff_profile(client, jurisdictions, campaign):
    user = superuser()
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code == 403
    StaffProfile.objects.create(user=user, role=Role.CITY_STAFF, jurisdiction=jurisdictions["hexi"])
    assert client.get(UPLOAD_URL).status_code == 200


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _menu_item():
    from evaluation.viewsets.import_menu import register_import_menu_item

    assert register_import_menu_item in hooks.get_hooks("register_evaluation_menu_item")
    return register_import_menu_item()


@pytest.mark.parametrize(
    ("role", "shown"),
    [("hexi_submitter", True), ("hexi_reviewer", True), ("city_staff", False), ("expert", False), ("editor", False)],
)
def test_menu_item_is_shown_to_submitters_only(staff, role, shown):
    request = RequestFactory().get("/admin/")
    request.user = staff[role]
    item = _menu_item()
    assert item.is_shown(request) is shown
    assert item.url == UPLOAD_URL and item.label == "单位批量报送"

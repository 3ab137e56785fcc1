"""Organisation bulk submission (组织推荐) in the admin: download the XLSX template, upload the list and PDF."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.http import content_disposition_header
from django.views import View
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from evaluation import rules
from evaluation.models import Campaign
from evaluation.predicates import profile_of
from evaluation.services import imports as import_service

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
URL_NAMESPACE = "evaluation_imports"


def can_import(user):
    """Submitters and district reviewers (or superusers) acting for the jurisdiction of their staff profile."""
    return rules.can_submit_for_organisation(user) and profile_of(user) is not None


class OrganisationAccessMixin:
    """A plain 403 for everyone else (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            return permission_denied(request, PermissionDenied("没有单位批量报送的权限。"))
        self.organisation = profile_of(request.user).jurisdiction
        return super().dispatch(request, *args, **kwargs)


class TemplateDownloadView(OrganisationAccessMixin, View):
    def get(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        content = import_service.build_template(campaign, organisation=self.organisation)
        title = re.sub(r'[\\/:*?"<>|\s]+', "", campaign.title) or "评选活动"
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}-组织推荐名单模板.xlsx")
        return response


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(label="评选活动", queryset=Campaign.objects.all())
    spreadsheet = forms.FileField(
        label="推荐名单（.xlsx）",
        help_text="请下载本活动的模板填写，第一行列名不要修改。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    document = forms.FileField(
        label="正式推荐文件（盖章PDF）",
        help_text=f"加盖公章的推荐文件扫描件，PDF格式，不超过{import_service.PDF_MAX_BYTES // 1024 // 1024} MB。",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class ImportView(OrganisationAccessMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "evaluation/admin/organisation_import.html"
    form_class = ImportForm
    page_title = "单位批量报送"
    header_icon = "upload"

    def get_page_subtitle(self):
        return self.organisation.name

    def get_initial(self):
        return {"campaign": self.request.GET.get("campaign")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        context["campaigns"] = [
            (campaign, reverse(f"{URL_NAMESPACE}:template", args=[campaign.pk])) for campaign in Campaign.objects.all()
        ]
        return context

    def form_valid(self, form):
        campaign = form.cleaned_data["campaign"]
        try:
            submission = import_service.import_submission(
                campaign,
                self.organisation,
                self.request.user,
                form.cleaned_data["spreadsheet"],
                form.cleaned_data["document"],
            )
        except import_service.ImportErrors as exc:
            report = [
                {
                    "row": problem.row,
                    "name": exc.names.get(problem.row, ""),
                    "column": problem.column,
                    "message": problem.message,
                }
                for problem in exc.report
            ]
            return self.render_to_response(self.get_context_data(form=form, report=report))
        merged = submission.row_count - submission.nominations.count()
        text = f"已向“{campaign}”报送{submission.row_count}人。"
        if merged:
            text += f"其中{merged}人此前已被推荐，已合并到原推荐记录。"
        messages.success(self.request, text)
        return redirect(f"{URL_NAMESPACE}:upload")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


def menu_item(order=8):
    return ImportMenuItem("单位批量报送", reverse_lazy(f"{URL_NAMESPACE}:upload"), icon_name="upload", order=order)


urlpatterns = [
    path("", ImportView.as_view(), name="upload"),
    path("<int:pk>/template/", TemplateDownloadView.as_view(), name="template"),
]

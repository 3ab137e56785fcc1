"""Staff voting dashboard (投票监控) in the admin: votes per hour, per candidate, brushing alerts, XLSX export.

City office staff only (a plain 403 for everyone else). Confirm and release go
through services/brushing.py, as the management command and tests do.
"""

import datetime
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from evaluation import rules
from evaluation.choices import StageKind, VoteStatus
from evaluation.models import Campaign, Detector, SuspicionStatus, VoteSuspicion
from evaluation.services import brushing, vote_results

URL_NAMESPACE = "evaluation_voting"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CityStaffMixin:
    def dispatch(self, request, *args, **kwargs):
        if not rules.is_city_staff(request.user):
            return permission_denied(request, PermissionDenied("只有市文明办工作人员可以查看投票监控。"))
        return super().dispatch(request, *args, **kwargs)


class CampaignListView(CityStaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/voting_campaigns.html"
    page_title = "投票监控"
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = (
            Campaign.objects.filter(stages__kind=StageKind.VOTE)
            .annotate(
                n_votes=Count("votes", distinct=True),
                n_alerts=Count(
                    "vote_suspicions", filter=Q(vote_suspicions__status=SuspicionStatus.OPEN), distinct=True
                ),
            )
            .distinct()
            .order_by("-pk")
        )
        context["campaigns"] = campaigns
        return context


def describe(suspicion, names):
    """The evidence of a finding in one Chinese sentence (counts, times and candidates only)."""
    e = suspicion.evidence
    who = names.get(e.get("candidate"), "")
    if suspicion.detector == Detector.BURST:
        return (
            f"{who}：{_hm(e['from'])}–{_hm(e['to'])} 得票 {e['votes']} 张，"
            f"平时每 {e['window_minutes']} 分钟约 {e['usual_per_window']:g} 张"
        )
    if suspicion.detector in (Detector.ADDRESS, Detector.SUBNET, Detector.DEVICE):
        return (
            f"{e['day']} 同一组（{e['group']}）{e['voters']} 人投票，其中 {e['share']:.0%} 投给{who}"
            f"（其他投票人中为 {e['usual_share']:.0%}，偶然概率 {e.get('chance', 0):g}）"
        )
    if suspicion.detector == Detector.PHONE_SEQUENCE:
        return f"同一号段（{e['group']}）{e['voters']} 个手机号投票 {e['votes']} 张"
    if suspicion.detector == Detector.REGULAR_TIMING:
        by = {"address": "同一网络地址", "device": "同一设备", "voter": "同一投票人"}.get(e["by"], e["by"])
        return (
            f"{by}（{e['group']}）{_hm(e['from'])}–{_hm(e['to'])} 连续 {e['votes']} 票，"
            f"平均间隔 {e['mean_interval_seconds']:g} 秒，波动 {e['variation']:.1%}"
        )
    if suspicion.detector == Detector.CROSS_CAMPAIGN:
        return f"同一投票人（{e['group']}）{e['days']} 天内在 {e['campaigns']} 个活动中投票"
    return ""


def _hm(value):
    return timezone.localtime(datetime.datetime.fromisoformat(value)).strftime("%m-%d %H:%M")


class DashboardView(CityStaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/voting_dashboard.html"
    header_icon = "view"

    def dispatch(self, request, *args, pk, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_title(self):
        return "投票监控"

    def get_page_subtitle(self):
        return self.campaign.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidates = vote_results.per_candidate(self.campaign)
        names = {row["id"]: row["name"] for row in candidates}
        status = self.request.GET.get("status", SuspicionStatus.OPEN)
        alerts = VoteSuspicion.objects.filter(campaign=self.campaign).select_related("decided_by")
        if status in SuspicionStatus.values:
            alerts = alerts.filter(status=status)
        hours = vote_results.per_hour(self.campaign)
        context.update(
            campaign=self.campaign,
            totals=brushing.public_report(self.campaign),
            candidates=candidates,
            alerts=[(a, describe(a, names)) for a in alerts[:500]],
            alert_status=status,
            alert_statuses=SuspicionStatus.choices,
            rules=brushing.rules_in_words(),
            chart={
                "labels": [timezone.localtime(h).strftime("%m-%d %H时") for h, _ in hours],
                "series": [
                    {"label": label, "status": s, "data": [c[s] for _, c in hours]} for s, label in VoteStatus.choices
                ],
            },
            decide_url=reverse(f"{URL_NAMESPACE}:decide", args=[self.campaign.pk]),
            export_url=reverse(f"{URL_NAMESPACE}:export", args=[self.campaign.pk]),
        )
        return context


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "确认刷票"), ("release", "解除嫌疑")])
    suspicions = forms.ModelMultipleChoiceField(queryset=VoteSuspicion.objects.none())

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suspicions"].queryset = VoteSuspicion.objects.filter(campaign=campaign).open()
        self.fields["suspicions"].error_messages["required"] = "请先勾选要处理的预警。"


class DecideView(CityStaffMixin, View):
    def post(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        form = DecideForm(request.POST, campaign=campaign)
        back = reverse(f"{URL_NAMESPACE}:dashboard", args=[campaign.pk])
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return redirect(back)
        suspicions = list(form.cleaned_data["suspicions"])
        if form.cleaned_data["action"] == "confirm":
            done = brushing.confirm(suspicions, user=request.user)
            messages.success(request, f"已确认 {len(done)} 条刷票预警，相关投票已作废（保留记录）。")
        else:
            done = brushing.release(suspicions, user=request.user)
            messages.success(request, f"已解除 {len(done)} 条预警，相关投票恢复计票。")
        return redirect(back)


class ExportView(CityStaffMixin, View):
    def get(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        title = re.sub(r'[\\/:*?"<>|\s]+', "", campaign.title) or "评选活动"
        response = HttpResponse(vote_results.workbook(campaign), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}-投票结果.xlsx")
        return response


class VotingMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.is_city_staff(request.user)


def menu_item(order=9):
    return VotingMenuItem("投票监控", reverse_lazy(f"{URL_NAMESPACE}:index"), icon_name="view", order=order)


urlpatterns = [
    path("", CampaignListView.as_view(), name="index"),
    path("<int:pk>/", DashboardView.as_view(), name="dashboard"),
    path("<int:pk>/decide/", DecideView.as_view(), name="decide"),
    path("<int:pk>/results.xlsx", ExportView.as_view(), name="export"),
]

"""撤销荣誉报告: districts and units report their honourees for revocation; city staff approve or dismiss."""

from django import forms
from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import NegativeGround, NegativeKind, RevocationReport
from evaluation.permissions import RulePolicy
from evaluation.services import revocation
from evaluation.viewsets.care_scope import CareScopedIndexMixin, CareScopedObjectMixin, honour_choices
from evaluation.viewsets.service_views import ServiceCreateView, ServiceEditView

register_permission_policy(
    RevocationReport,
    RulePolicy(RevocationReport, rules.can_keep_care, actions=("add", "change", "view")),
    exact_class=True,
)


class ReportForm(WagtailAdminModelForm):
    class Meta:
        model = RevocationReport
        fields = ["honour", "ground", "facts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = honour_choices(self.for_user)
        revocation_grounds = NegativeGround.for_kind(NegativeKind.REVOCATION)
        self.fields["ground"].choices = [("", "---------"), *((g.value, g.label) for g in revocation_grounds)]


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label="审批结论", choices=[("approve", "批准撤销荣誉称号"), ("dismiss", "不予撤销")], widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label="决定日期", required=False, help_text="留空为今天。")
    document_number = forms.CharField(label="文号", required=False, max_length=100)

    class Meta:
        model = RevocationReport
        fields = ["decision_note"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)


class ReportCreateView(ServiceCreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return revocation.file_report(c["honour"], actor=self.request.user, ground=c["ground"], facts=c["facts"])


class ReportIndexView(CareScopedIndexMixin, generic.IndexView):
    pass


class ReportInspectView(CareScopedObjectMixin, generic.InspectView):
    pass


class ReportDecideView(CareScopedObjectMixin, ServiceEditView):
    """City staff only: the decision on a pending report (the edit screen of a report is its decision)."""

    def dispatch(self, request, *args, **kwargs):
        if not rules.can_manage_honours(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        c = self.form.cleaned_data
        return revocation.decide_report(
            self.object,
            actor=self.request.user,
            approve=c["decision"] == "approve",
            note=c["decision_note"],
            document_number=c["document_number"],
            decided_on=c["decided_on"],
        )


class RevocationReportViewSet(ModelViewSet):
    model = RevocationReport
    icon = "warning"
    menu_label = "撤销荣誉报告"
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportDecideView
    inspect_view_class = ReportInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "honour",
        Column("ground", accessor="get_ground_display", label="依据条款"),
        "reporting_unit",
        Column("status", accessor="get_status_display", label="状态"),
        "filed_at",
    ]
    list_filter = ["status"]

    def get_form_class(self, for_update=False):
        return DecisionForm if for_update else ReportForm


revocation_report_viewset = RevocationReportViewSet(
    "evaluation_revocation_reports", url_prefix="evaluation/revocation-reports"
)

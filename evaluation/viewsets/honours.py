"""Admin screens after publication: honourees, certificates, promotion, negative list, care records."""

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.choices import Level
from evaluation.models import (
    CareRecord,
    Certificate,
    DecisionKind,
    DecisionOutcome,
    Honour,
    NegativeRecord,
    Promotion,
)
from evaluation.permissions import RulePolicy
from evaluation.public.files import certificate_pdf_url, negative_evidence_url
from evaluation.services import honours, promotion
from evaluation.viewsets.care_scope import CareScopedIndexMixin, CareScopedObjectMixin, honour_choices
from evaluation.viewsets.exports import SafeExportIndexView
from evaluation.viewsets.province_package import ProvincePackageView
from evaluation.viewsets.service_views import ServiceCreateView

register_permission_policy(
    Honour, RulePolicy(Honour, rules.can_manage_honours, actions=("change", "view", "export")), exact_class=True
)
register_permission_policy(
    Certificate, RulePolicy(Certificate, rules.can_manage_honours, actions=("view", "export")), exact_class=True
)
for _model in (Promotion, NegativeRecord):
    register_permission_policy(
        _model, RulePolicy(_model, rules.can_manage_honours, actions=("add", "view", "export")), exact_class=True
    )
# Care records are kept by the recommending district or unit too (属地管理); each screen is scoped to its honourees.
register_permission_policy(
    CareRecord, RulePolicy(CareRecord, rules.can_keep_care, actions=("add", "view", "export")), exact_class=True
)


class HonourForm(forms.ModelForm):
    class Meta:
        model = Honour
        fields = ["visit_interval_days"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)


class HonourViewSet(ModelViewSet):
    model = Honour
    icon = "user"
    menu_label = "入选者"
    index_view_class = SafeExportIndexView
    list_display = [
        "name",
        "title",
        Column("status", accessor="get_status_display", label="状态"),
        "awarded_on",
        "deceased_on",
    ]
    list_filter = ["campaign", "status", "level"]
    search_fields = ["name", "title"]
    search_backend_name = None
    list_export = ["name", "title", "level", "awarded_on", "status", "revoked_at", "deceased_on"]
    export_filename = "honourees"
    inspect_view_enabled = True
    inspect_view_fields = ["name", "title", "level", "awarded_on", "status", "revoked_at", "deceased_on", "page"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return HonourForm


class CertificateColumn(Column):
    def get_value(self, instance):
        if instance.revoked_at:
            return "已收回"
        return format_html('<a href="{}">下载PDF</a>', certificate_pdf_url(instance))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = "荣誉证书"
    index_view_class = SafeExportIndexView
    list_display = ["number", "name", "title", "issued_on", "revoked_at", CertificateColumn("pdf", label="证书")]
    search_fields = ["number", "name"]
    search_backend_name = None
    list_export = ["number", "name", "title", "issued_on", "revoked_at"]
    export_filename = "certificates"
    form_fields = []
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["number", "name", "title", "issued_on", "revoked_at"]


class PromotionForm(forms.ModelForm):
    """The promotion and the records it rests on: the expert review and the directors' meeting (seed 000 §8)."""

    target_level = forms.ChoiceField(
        label="推荐级别",
        required=False,
        choices=[("", "上一级（默认）"), (Level.NATIONAL, "全国（市级入选者越级推荐，须主任会议议定）")],
    )
    review_on = forms.DateField(label="专家评议日期", required=False)
    review_participants = forms.CharField(
        label="专家评议参加人员", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一人。"
    )
    review_outcome = forms.ChoiceField(
        label="专家评议结论", required=False, choices=[("", "—"), *DecisionOutcome.choices]
    )
    meeting_on = forms.DateField(label="主任会议日期", required=False)
    meeting_participants = forms.CharField(
        label="主任会议参加人员", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一人。"
    )
    meeting_outcome = forms.ChoiceField(
        label="主任会议结论", required=False, choices=[("", "—"), *DecisionOutcome.choices]
    )
    meeting_minutes = forms.CharField(label="会议纪要编号", required=False, max_length=100)

    class Meta:
        model = Promotion
        fields = ["honour", "target_campaign", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = Honour.objects.active()
        self.fields["note"].help_text = "越级推荐时写明事迹特别突出、群众认可度特别高的情况。"

    def decisions(self):
        c = self.cleaned_data
        found = []
        if c.get("review_on") or c.get("review_outcome"):
            found.append(
                promotion.Decision(
                    DecisionKind.EXPERT_REVIEW,
                    c.get("review_on"),
                    c.get("review_participants", ""),
                    c["review_outcome"],
                )
            )
        if c.get("meeting_on") or c.get("meeting_outcome"):
            found.append(
                promotion.Decision(
                    DecisionKind.DIRECTORS_MEETING,
                    c.get("meeting_on"),
                    c.get("meeting_participants", ""),
                    c["meeting_outcome"],
                    c.get("meeting_minutes", ""),
                )
            )
        return found


class PromotionCreateView(ServiceCreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return promotion.promote(
            c["honour"],
            actor=self.request.user,
            target_level=c["target_level"] or None,
            target_campaign=c["target_campaign"],
            note=c["note"],
            decisions=self.form.decisions(),
        )


class PromotionIndexView(SafeExportIndexView):
    @cached_property
    def header_buttons(self):
        package = HeaderButton(
            "报送省文明办", url=reverse("evaluation_promotions:province_package"), icon_name="download"
        )
        return [*super().header_buttons, package]


class PromotionViewSet(ModelViewSet):
    model = Promotion
    icon = "arrow-up"
    menu_label = "推荐上级"
    index_view_class = PromotionIndexView
    add_view_class = PromotionCreateView
    list_display = [
        "honour",
        Column("target_level", accessor="get_target_level_display", label="推荐级别"),
        Column("status", accessor="get_status_display", label="状态"),
        "awarded_title",
        "created_at",
    ]
    list_filter = ["target_level", "status"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return PromotionForm

    def get_urlpatterns(self):
        package = path("province-package/", ProvincePackageView.as_view(), name="province_package")
        return [*super().get_urlpatterns(), package]


class NegativeForm(forms.ModelForm):
    class Meta:
        model = NegativeRecord
        fields = ["honour", "kind", "ground", "reason", "decided_on", "document_number", "unit_report", "evidence"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = Honour.objects.active()
        self.fields["ground"].required = True
        self.fields["ground"].help_text = "诫勉谈话、责令整改选“诫勉”或“禁止”条款；撤销荣誉称号选“撤销”或“退出”条款。"
        self.fields["evidence"].help_text = "可选，JPEG、PNG图片或PDF，不超过2 MB；仅工作人员可查看。"


class NegativeCreateView(ServiceCreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return honours.record_negative(
            c["honour"],
            actor=self.request.user,
            kind=c["kind"],
            ground=c["ground"],
            reason=c["reason"],
            decided_on=c["decided_on"],
            unit_report=c["unit_report"],
            document_number=c["document_number"],
            evidence=c.get("evidence"),
        )


class NegativeInspectView(generic.InspectView):
    def get_evidence_display_value(self):
        if not self.object.evidence:
            return "无"
        return format_html('<a href="{}">下载证据材料</a>', negative_evidence_url(self.object))


class NegativeViewSet(ModelViewSet):
    model = NegativeRecord
    icon = "warning"
    menu_label = "负面清单"
    index_view_class = SafeExportIndexView
    add_view_class = NegativeCreateView
    inspect_view_class = NegativeInspectView
    inspect_view_enabled = True
    list_display = [
        "honour",
        Column("kind", accessor="get_kind_display", label="类型"),
        Column("ground", accessor="get_ground_display", label="依据条款"),
        "decided_on",
        "reporting_unit",
    ]
    list_filter = ["kind"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return NegativeForm


class CareForm(WagtailAdminModelForm):
    class Meta:
        model = CareRecord
        fields = ["honour", "kind", "happened_on", "note", "amount", "card_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = honour_choices(self.for_user)


class CareIndexView(CareScopedIndexMixin, SafeExportIndexView):
    pass


class CareInspectView(CareScopedObjectMixin, generic.InspectView):
    pass


class CareCreateView(ServiceCreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return honours.record_care(
            c["honour"],
            actor=self.request.user,
            kind=c["kind"],
            happened_on=c["happened_on"],
            note=c["note"],
            amount=c["amount"],
            card_number=c["card_number"],
        )


class CareViewSet(ModelViewSet):
    model = CareRecord
    icon = "pick"
    menu_label = "关爱帮扶"
    index_view_class = CareIndexView
    inspect_view_class = CareInspectView
    add_view_class = CareCreateView
    list_display = ["honour", Column("kind", accessor="get_kind_display", label="类型"), "happened_on", "card_number"]
    list_filter = ["kind"]
    search_fields = ["honour__name", "card_number"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return CareForm


honour_viewset = HonourViewSet("evaluation_honours", url_prefix="evaluation/honours")
certificate_viewset = CertificateViewSet("evaluation_certificates", url_prefix="evaluation/certificates")
promotion_viewset = PromotionViewSet("evaluation_promotions", url_prefix="evaluation/promotions")
negative_viewset = NegativeViewSet("evaluation_negative", url_prefix="evaluation/negative")
care_viewset = CareViewSet("evaluation_care", url_prefix="evaluation/care")

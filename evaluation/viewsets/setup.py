"""Admin screens for campaigns, jurisdictions, staff, held titles and organisation submissions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from evaluation import rules
from evaluation.exports import SafeExportMixin
from evaluation.models import Campaign, HeldTitle, Jurisdiction, OrganisationSubmission, StaffProfile
from evaluation.permissions import RulePolicy
from evaluation.public.files import submission_document_url
from evaluation.validators import validate_id_number
from evaluation.viewsets.exports import SafeExportIndexView

register_permission_policy(Campaign, RulePolicy(Campaign, rules.can_manage_campaigns), exact_class=True)
register_permission_policy(Jurisdiction, RulePolicy(Jurisdiction, rules.is_city_staff), exact_class=True)
register_permission_policy(StaffProfile, RulePolicy(StaffProfile, rules.is_city_staff), exact_class=True)
register_permission_policy(HeldTitle, RulePolicy(HeldTitle, rules.is_city_staff), exact_class=True)
register_permission_policy(
    OrganisationSubmission,
    RulePolicy(OrganisationSubmission, rules.is_city_staff, actions=("view", "export")),
    exact_class=True,
)


class CampaignIndexView(SafeExportMixin, SnippetIndexView):
    pass


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    index_view_class = CampaignIndexView
    icon = "date"
    menu_label = "评选活动"
    list_display = ["title", "period_label", Column("level", accessor="get_level_display", label="级别"), "created_at"]
    list_filter = ["kind", "level", "period"]
    search_fields = ["title", "period_label"]
    search_backend_name = None
    copy_view_enabled = True


class JurisdictionViewSet(ModelViewSet):
    model = Jurisdiction
    index_view_class = SafeExportIndexView
    icon = "site"
    menu_label = "辖区/单位"
    list_display = ["name", Column("kind", accessor="get_kind_display", label="类型"), "depth"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["path"]
    form_fields = ["name", "kind", "district"]
    copy_view_enabled = False


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    index_view_class = SafeExportIndexView
    icon = "group"
    menu_label = "工作人员"
    list_display = ["user", Column("role", accessor="get_role_display", label="角色"), "jurisdiction"]
    list_filter = ["role"]
    form_fields = ["user", "role", "jurisdiction", "phone"]
    copy_view_enabled = False


class HeldTitleForm(forms.ModelForm):
    """Staff type the ID number once; only its keyed hash and mask are stored."""

    id_number = forms.CharField(
        label="身份证号码", max_length=18, required=False, help_text="新增时必填；修改时留空则不变。"
    )

    class Meta:
        model = HeldTitle
        fields = ["person_name", "title", "level", "awarded_on"]

    def clean_id_number(self):
        value = self.cleaned_data["id_number"]
        if not value:
            if not self.instance.pk:
                raise forms.ValidationError("请填写身份证号码。")
            return ""
        try:
            return validate_id_number(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None

    def save(self, commit=True):
        if self.cleaned_data.get("id_number"):
            self.instance.set_id_number(self.cleaned_data["id_number"])
        return super().save(commit)


class HeldTitleViewSet(ModelViewSet):
    model = HeldTitle
    index_view_class = SafeExportIndexView
    icon = "pick"
    menu_label = "已获荣誉"
    list_display = [
        "person_name",
        "title",
        Column("level", accessor="get_level_display", label="级别"),
        "awarded_on",
        "id_number_masked",
    ]
    list_filter = ["level"]
    search_fields = ["person_name", "title"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return HeldTitleForm


class SubmissionInspectView(generic.InspectView):
    def get_document_display_value(self):
        # The PDF lives in private storage: link the checking view, never a storage path.
        return format_html('<a href="{}">下载盖章PDF</a>', submission_document_url(self.object))


class SubmissionViewSet(ModelViewSet):
    model = OrganisationSubmission
    index_view_class = SafeExportIndexView
    icon = "doc-full"
    menu_label = "单位报送记录"
    list_display = ["organisation", "campaign", "row_count", "created_at"]
    list_filter = ["campaign"]
    form_fields = ["campaign", "organisation", "document"]
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    copy_view_enabled = False

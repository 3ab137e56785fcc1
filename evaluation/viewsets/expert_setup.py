"""Admin screens for the expert pool, each campaign's review settings and its rubric (city staff)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import Expert, ExpertReviewSettings, Rubric
from evaluation.permissions import RulePolicy

for _model in (Expert, ExpertReviewSettings, Rubric):
    register_permission_policy(_model, RulePolicy(_model, rules.can_run_expert_review), exact_class=True)


class ExpertViewSet(ModelViewSet):
    model = Expert
    icon = "user"
    menu_label = "专家库"
    list_display = [
        "name",
        Column("affiliation_type", accessor="get_affiliation_type_display", label="界别"),
        "jurisdiction",
        "unit",
        "active",
    ]
    list_filter = ["affiliation_type", "active"]
    search_fields = ["name", "unit"]
    search_backend_name = None
    form_fields = ["name", "affiliation_type", "jurisdiction", "unit", "declared_ties", "active", "user"]
    copy_view_enabled = False


class ReviewSettingsViewSet(ModelViewSet):
    model = ExpertReviewSettings
    icon = "cog"
    menu_label = "专家评审设置"
    list_display = ["campaign", "expert_weight", "vote_weight", "vote_transform", "honouree_quota", "panel_size"]
    copy_view_enabled = False


class RubricForm(WagtailAdminModelForm):
    """The criteria's weights must add up to 100."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("criteria")
        if formset is not None and all(f.is_valid() for f in formset.forms):
            total = sum(
                f.cleaned_data.get("weight") or 0
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            )
            if total != 100:
                raise forms.ValidationError(f"各评分项权重之和为{total}，应为100。")
        return cleaned


class RubricViewSet(ModelViewSet):
    model = Rubric
    icon = "list-ol"
    menu_label = "评分细则"
    list_display = ["campaign", Column("total_weight", label="权重合计")]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("campaign"), FieldPanel("guidance"), InlinePanel("criteria", label="评分项", min_num=1)],
        base_form_class=RubricForm,
    )


expert_viewset = ExpertViewSet("evaluation_experts", url_prefix="evaluation/experts")
review_settings_viewset = ReviewSettingsViewSet("evaluation_review_settings", url_prefix="evaluation/review-settings")
rubric_viewset = RubricViewSet("evaluation_rubrics", url_prefix="evaluation/rubrics")

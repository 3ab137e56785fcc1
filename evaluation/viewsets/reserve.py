"""Reserve pool (储备库) admin: register people, search, carry chosen ones into a campaign."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import Campaign, ReserveEntry
from evaluation.permissions import RulePolicy
from evaluation.services import reserve as reserve_service
from evaluation.viewsets.exports import SafeExportIndexView

register_permission_policy(ReserveEntry, RulePolicy(ReserveEntry, rules.can_manage_reserve), exact_class=True)


class ReserveRegisterForm(forms.ModelForm):
    contact = forms.CharField(label="联系方式（电话或邮箱）", max_length=100, required=False)
    id_number = forms.CharField(label="身份证号码", max_length=18, required=False, help_text="转入评选活动时需要。")

    class Meta:
        model = ReserveEntry
        fields = ["name", "category", "level", "jurisdiction", "unit", "story", "intake"]


class ReserveEditForm(forms.ModelForm):
    class Meta:
        model = ReserveEntry
        fields = ["name", "category", "level", "jurisdiction", "unit", "story", "intake"]


class ReserveCreateView(generic.CreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return reserve_service.register(
            actor=self.request.user,
            name=c["name"],
            category=c["category"],
            level=c["level"],
            jurisdiction=c["jurisdiction"],
            unit=c["unit"],
            story=c["story"],
            intake=c["intake"],
            contact=c["contact"],
            id_number=c["id_number"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
            return self.form_invalid(form)


class CarryForm(forms.Form):
    campaign = forms.ModelChoiceField(label="转入的评选活动", queryset=Campaign.objects.all())
    entries = forms.ModelMultipleChoiceField(
        label="选择储备人选",
        queryset=ReserveEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = ReserveEntry.objects.filter(carried_into__isnull=True).select_related("jurisdiction")
        if category:
            qs = qs.filter(category=category)
        self.fields["entries"].queryset = qs
        self.fields["entries"].label_from_instance = lambda e: (
            f"{e.name}·{e.get_category_display()}·{e.get_level_display()}·{e.jurisdiction}"
        )


class CarryIntoCampaignView(WagtailAdminTemplateMixin, FormView):
    template_name = "evaluation/admin/reserve_carry.html"
    form_class = CarryForm
    page_title = "从储备库转入评选活动"
    header_icon = "arrow-right"

    def dispatch(self, request, *args, **kwargs):
        if not rules.can_manage_reserve(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["category"] = self.request.GET.get("category") or None
        if self.request.method == "GET" and self.request.GET.getlist("id"):
            kwargs["initial"] = {"entries": self.request.GET.getlist("id")}
        return kwargs

    def form_valid(self, form):
        try:
            created = reserve_service.carry_into_campaign(
                form.cleaned_data["entries"], form.cleaned_data["campaign"], actor=self.request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, f"已将{len(created)}人转入“{form.cleaned_data['campaign']}”，进入市级初审。")
        return redirect("evaluation_reserve:index")


class ReserveIndexView(SafeExportIndexView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("转入评选活动", url=reverse("evaluation_reserve:carry"), icon_name="arrow-right"),
        ]


class ReserveViewSet(ModelViewSet):
    model = ReserveEntry
    icon = "folder-open-inverse"
    menu_label = "储备库"
    index_view_class = ReserveIndexView
    add_view_class = ReserveCreateView
    list_display = [
        "name",
        Column("category", accessor="get_category_display", label="类别"),
        Column("level", accessor="get_level_display", label="级别"),
        "jurisdiction",
        Column("intake", accessor="get_intake_display", label="来源"),
        "carried_into",
        "created_at",
    ]
    list_filter = ["category", "level", "intake"]
    search_fields = ["name", "unit", "story"]
    search_backend_name = None
    list_export = ["name", "category", "level", "jurisdiction", "unit", "intake", "contact_masked", "created_at"]
    export_filename = "reserve-pool"
    copy_view_enabled = False
    inspect_view_enabled = True
    # Hashes and cipher text mean nothing to staff and must not be copied out of the admin.
    inspect_view_fields_exclude = ["id_number_hash", "id_number_cipher", "contact_cipher", "search_text"]

    def get_form_class(self, for_update=False):
        return ReserveEditForm if for_update else ReserveRegisterForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("carry/", CarryIntoCampaignView.as_view(), name="carry")]


reserve_viewset = ReserveViewSet("evaluation_reserve", url_prefix="evaluation/reserve")

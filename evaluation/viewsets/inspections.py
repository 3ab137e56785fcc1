"""Site inspection (实地考察) screens: plan an inspection of a shortlisted candidate, record findings and photos."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.choices import StageKind
from evaluation.models import Inspection, ShortlistEntry
from evaluation.permissions import RulePolicy
from evaluation.public.files import inspection_photo_url
from evaluation.services import inspections, stage_dates
from evaluation.viewsets.service_views import ServiceCreateView, ServiceEditView

register_permission_policy(Inspection, RulePolicy(Inspection, rules.can_run_expert_review), exact_class=True)


class InspectorsField(forms.ModelMultipleChoiceField):
    """Active accounts, listed by name as office workers know each other, the login name after it."""

    def __init__(self, **kwargs):
        users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        super().__init__(queryset=users, label="考察人员", help_text="可多选（按住 Ctrl 或 ⌘ 键点选）。", **kwargs)

    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name}（{user.username}）" if name else user.username


class InspectionAddForm(WagtailAdminModelForm):
    inspectors = InspectorsField()
    entry = forms.ModelChoiceField(
        label="初步拟定名单中的候选人",
        queryset=ShortlistEntry.objects.select_related("campaign", "nomination"),
    )

    class Meta:
        model = Inspection
        fields = ["scheduled_on", "inspectors"]


class InspectionCreateView(ServiceCreateView):
    """Only shortlisted candidates can be inspected; findings and photos come with the edit form."""

    def get_panel(self):
        panel = ObjectList(
            [FieldPanel("entry"), FieldPanel("scheduled_on"), FieldPanel("inspectors")],
            base_form_class=InspectionAddForm,
        )
        return panel.bind_to_model(Inspection)

    def get_form_class(self):
        return self.panel.get_form_class()

    def save_instance(self):
        data = self.form.cleaned_data
        return inspections.assign(
            data["entry"], actor=self.request.user, scheduled_on=data["scheduled_on"], inspectors=data["inspectors"]
        )


class InspectionEditForm(WagtailAdminModelForm):
    """A verdict other than 待定 needs the findings it rests on; both are recorded in the 实地考察 stage only."""

    inspectors = InspectorsField()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verdict") not in (None, "pending") and not (cleaned.get("findings") or "").strip():
            self.add_error("findings", "作出考察结论前，请填写考察情况。")
        if {"findings", "verdict"} & set(self.changed_data):
            refusal = stage_dates.refusal(self.instance.campaign, StageKind.INSPECTION, "记录考察情况")
            if refusal:
                self.add_error(None, refusal)
        return cleaned


class InspectionEditView(ServiceEditView):
    """The form only reads the input; the inspection service writes it, photos included, with its events."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        data = self.form.cleaned_data
        return inspections.edit(
            instance,
            actor=self.request.user,
            scheduled_on=data["scheduled_on"],
            inspectors=data["inspectors"],
            findings=data["findings"],
            verdict=data["verdict"],
        )


class InspectionInspectView(generic.InspectView):
    def get_fields(self):
        return ["campaign", "nomination", "scheduled_on", "verdict", "findings"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photo_links"] = [(p.caption, inspection_photo_url(p)) for p in self.object.photos.all()]
        return context


class InspectionViewSet(ModelViewSet):
    model = Inspection
    icon = "site"
    menu_label = "实地考察"
    add_view_class = InspectionCreateView
    edit_view_class = InspectionEditView
    inspect_view_enabled = True
    inspect_view_class = InspectionInspectView
    inspect_template_name = "evaluation/admin/inspection_inspect.html"
    list_display = [
        "nomination",
        "campaign",
        "scheduled_on",
        Column("verdict", accessor="get_verdict_display", label="考察结论"),
    ]
    list_filter = ["campaign", "verdict"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("scheduled_on"), FieldPanel("verdict")]),
            FieldPanel("inspectors"),
            FieldPanel("findings"),
            InlinePanel("photos", label="考察照片"),
        ],
        base_form_class=InspectionEditForm,
    )


inspection_viewset = InspectionViewSet("evaluation_inspections", url_prefix="evaluation/inspections")

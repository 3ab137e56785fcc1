"""Admin screens for the public notice's objection cases, the committee's approval and publication."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.choices import Role
from evaluation.models import Approval, Nomination, Objection
from evaluation.permissions import RulePolicy
from evaluation.public.files import objection_evidence_url
from evaluation.services import approval as approval_service
from evaluation.services import notice as notice_service
from evaluation.services import publication
from evaluation.viewsets.exports import SafeExportIndexView
from evaluation.workflows.notice import ObjectionOutcome, ObjectionTransitionNotAllowed
from evaluation.workflows.pipeline import OutOfOrder

register_permission_policy(
    Objection, RulePolicy(Objection, rules.can_handle_objections, actions=("change", "view")), exact_class=True
)
register_permission_policy(Approval, RulePolicy(Approval, rules.can_publish, actions=("add", "view")), exact_class=True)


def staff_users():
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(evaluation_profile__role=Role.CITY_STAFF) | Q(is_superuser=True)).order_by("username")


class ObjectionCaseForm(forms.ModelForm):
    outcome = forms.ChoiceField(label="核查结论", choices=[("", "尚未办结"), *ObjectionOutcome.choices], required=False)

    class Meta:
        model = Objection
        fields = ["assignee", "deadline", "investigation_notes", "outcome", "public_result"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()


class ObjectionEditView(generic.EditView):
    def save_instance(self):
        c = self.form.cleaned_data
        return notice_service.update_case(
            self.object,
            actor=self.request.user,
            assignee=c["assignee"],
            deadline=c["deadline"],
            notes=c["investigation_notes"],
            outcome=c["outcome"],
            public_result=c["public_result"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, ObjectionTransitionNotAllowed) as exc:
            self.produced_error_message = "；".join(getattr(exc, "messages", [str(exc)]))
            form.add_error(None, self.produced_error_message)
            return self.form_invalid(form)


class ObjectionInspectView(generic.InspectView):
    def get_contact_masked_display_value(self):
        return self.object.contact_masked

    def get_evidence_display_value(self):
        files = self.object.evidence.all()
        if not files:
            return "无"
        return format_html_join(
            "、", '<a href="{}">证据{}</a>', ((objection_evidence_url(f), i) for i, f in enumerate(files, 1))
        )


class ObjectionViewSet(ModelViewSet):
    model = Objection
    icon = "warning"
    menu_label = "公示异议"
    index_view_class = SafeExportIndexView
    edit_view_class = ObjectionEditView
    inspect_view_class = ObjectionInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "campaign",
        "nomination",
        "objector_name",
        "contact_masked",
        "facts",
        "evidence",
        "status",
        "assignee",
        "deadline",
        "investigation_notes",
        "outcome",
        "public_result",
        "created_at",
        "closed_at",
    ]
    list_display = [
        "number",
        "nomination",
        "campaign",
        Column("status", accessor="get_status_display", label="状态"),
        "assignee",
        "deadline",
        "created_at",
    ]
    list_filter = ["campaign", "status", "outcome"]
    search_fields = ["number", "nomination__nominee_name"]
    search_backend_name = None
    list_export = ["number", "campaign", "nomination", "status", "assignee", "deadline", "outcome", "created_at"]
    export_filename = "objections"
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return ObjectionCaseForm


class ApprovalForm(forms.ModelForm):
    class Meta:
        model = Approval
        fields = ["campaign", "document_number", "approved_on", "nominations", "note"]
        widgets = {"nominations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = (
            Nomination.objects.filter(shortlist_entries__isnull=False).select_related("campaign").distinct()
        )
        self.fields["nominations"].label_from_instance = lambda n: f"{n.nominee_name}（{n.campaign}）"


class ApprovalCreateView(generic.CreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return approval_service.record_approval(
            c["campaign"],
            actor=self.request.user,
            document_number=c["document_number"],
            approved_on=c["approved_on"],
            nominations=c["nominations"],
            note=c["note"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            self.produced_error_message = "；".join(exc.messages)
        except OutOfOrder as exc:
            self.produced_error_message = exc.message
        form.add_error(None, self.produced_error_message)
        return self.form_invalid(form)


class PublishView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then publish an approved campaign to the honour roll (publication.publish)."""

    template_name = "evaluation/admin/publish_confirm.html"
    page_title = "发布到好人榜"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not rules.can_publish(request.user):
            raise PermissionDenied
        self.approval = get_object_or_404(Approval.objects.select_related("campaign"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nominations = list(self.approval.nominations.all())
        context.update(
            approval=self.approval,
            campaign=self.approval.campaign,
            nominations=nominations,
            blocked=list(notice_service.unresolved_for(nominations)),
        )
        return context

    def post(self, request, pk):
        try:
            release = publication.publish(self.approval.campaign, actor=request.user)
        except publication.PublicationRefused as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        if release.live:
            messages.success(request, f"已发布“{release.title}”。")
        else:
            messages.success(request, f"已生成“{release.title}”及好人档案的草稿，整期提交三审，终审通过后一并发布。")
        # Editors touch up draft pages; city staff without page rights go back to the list, not to a refusal.
        if release.permissions_for_user(request.user).can_edit():
            return redirect(reverse("wagtailadmin_pages:edit", args=[release.pk]))
        return redirect(reverse("evaluation_approvals:inspect", args=[self.approval.pk]))


class PublishColumn(Column):
    def get_value(self, instance):
        label = "更新发布" if instance.campaign.release_page_id else "发布到好人榜"
        url = reverse("evaluation_approvals:publish", args=[instance.pk])
        return format_html('<a class="button button-small" href="{}">{}</a>', url, label)


class ApprovalIndexView(SafeExportIndexView):
    pass


class ApprovalViewSet(ModelViewSet):
    model = Approval
    icon = "tick-inverse"
    menu_label = "审批与发布"
    index_view_class = ApprovalIndexView
    add_view_class = ApprovalCreateView
    list_display = [
        "campaign",
        "document_number",
        "approved_on",
        PublishColumn("publish", label="发布"),
    ]
    list_filter = ["campaign"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return ApprovalForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/publish/", PublishView.as_view(), name="publish")]


objection_viewset = ObjectionViewSet("evaluation_objections", url_prefix="evaluation/objections")
approval_viewset = ApprovalViewSet("evaluation_approvals", url_prefix="evaluation/approvals")

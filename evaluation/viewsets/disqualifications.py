"""取消候选资格: city staff record that a candidate found brushing leaves the campaign.

The form only translates; services/disqualification.py decides and writes.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import Disqualification, Nomination, SuspicionStatus, VoteSuspicion
from evaluation.permissions import RulePolicy
from evaluation.services import disqualification
from evaluation.viewsets.service_views import ServiceCreateView
from evaluation.workflows.nomination import Status

# Decisions are recorded once and kept: nobody edits or deletes them from the admin.
register_permission_policy(
    Disqualification, RulePolicy(Disqualification, rules.can_publish, actions=("add", "view")), exact_class=True
)


class DisqualificationForm(forms.ModelForm):
    class Meta:
        model = Disqualification
        fields = ["campaign", "nomination", "grounds", "suspicions"]
        widgets = {"suspicions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = (
            Nomination.objects.filter(Q(shortlist_entries__isnull=False) | Q(status=Status.ACCEPTED))
            .select_related("campaign")
            .distinct()
        )
        self.fields["nomination"].label_from_instance = lambda n: f"{n.nominee_name}（{n.campaign}）"
        self.fields["suspicions"].queryset = VoteSuspicion.objects.filter(
            status=SuspicionStatus.CONFIRMED
        ).select_related("campaign")
        self.fields["suspicions"].help_text = "只列出已确认的刷票预警；须与所选活动一致。"


class DisqualificationCreateView(ServiceCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return disqualification.disqualify(
            data["campaign"],
            data["nomination"],
            actor=self.request.user,
            grounds=data["grounds"],
            suspicions=data["suspicions"],
        )


class DisqualificationViewSet(ModelViewSet):
    model = Disqualification
    icon = "cross"
    menu_label = "取消候选资格"
    add_view_class = DisqualificationCreateView
    form_fields = ["campaign", "nomination", "grounds", "suspicions"]
    list_display = ["nomination", "campaign", Column("decided_by", label="决定人"), "decided_at"]
    list_filter = ["campaign"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DisqualificationForm


disqualification_viewset = DisqualificationViewSet(
    "evaluation_disqualifications", url_prefix="evaluation/disqualifications"
)

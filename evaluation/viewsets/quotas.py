"""District quotas: usage shown to reviewers up front, and the city office's screen to raise a quota."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.choices import StageKind
from evaluation.models import Campaign, DistrictQuota, Jurisdiction
from evaluation.permissions import RulePolicy
from evaluation.predicates import profile_of
from evaluation.services.quotas import usage_for
from evaluation.viewsets.exports import SafeExportIndexView

register_permission_policy(
    DistrictQuota,
    RulePolicy(DistrictQuota, rules.can_manage_quotas, actions=("add", "change", "view")),
    exact_class=True,
)


def running_campaigns(today=None):
    """Campaigns whose nomination or review stage runs today: those whose quotas matter now."""
    today = today or timezone.localdate()
    return Campaign.objects.filter(
        stages__kind__in=[StageKind.NOMINATION, StageKind.REVIEW],
        stages__enabled=True,
        stages__starts_on__lte=today,
        stages__ends_on__gte=today,
    ).distinct()


def quota_rows(user):
    """Quota usage this user should see: their own district's, or every district's for city staff."""
    campaigns = list(running_campaigns())
    if rules.is_city_staff(user):
        owners = list(Jurisdiction.objects.filter(depth=2).order_by("path"))
    elif (profile := profile_of(user)) is not None and rules.can_access_nominations(user):
        owners = [profile.jurisdiction]
    else:
        return []
    return [usage_for(campaign, owner) for campaign in campaigns for owner in owners]


class DistrictQuotaForm(WagtailAdminModelForm):
    class Meta:
        model = DistrictQuota
        fields = ["campaign", "jurisdiction", "quota", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.filter(depth=2).order_by("path")

    def save(self, commit=True):
        self.instance.changed_by = self.for_user
        return super().save(commit)


class DistrictQuotaCreateView(generic.CreateView):
    """Opened from a full district's review page with the campaign and district filled in."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("campaign", "jurisdiction"):
            if (value := self.request.GET.get(name, "")).isdigit():
                initial[name] = int(value)
        return initial


class DistrictQuotaViewSet(ModelViewSet):
    model = DistrictQuota
    index_view_class = SafeExportIndexView
    icon = "order"
    menu_label = "县区名额调整"
    list_display = [
        "jurisdiction",
        "campaign",
        Column("quota", label="本期名额"),
        Column("reason", label="调整理由"),
        Column("changed_by", label="调整人"),
        "changed_at",
    ]
    list_filter = ["campaign"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = DistrictQuotaCreateView

    def get_form_class(self, for_update=False):
        return DistrictQuotaForm


district_quota_viewset = DistrictQuotaViewSet("evaluation_quotas", url_prefix="evaluation/quotas")

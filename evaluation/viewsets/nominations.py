"""Admin screens for nominations, scoped to the reviewer's jurisdiction in every view."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, ButtonsColumnMixin, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.choices import Category, Verdict
from evaluation.forms import ReviewForm
from evaluation.models import Campaign, Jurisdiction, Nomination, PrivateDataAccess
from evaluation.permissions import NominationPolicy
from evaluation.predicates import profile_of
from evaluation.privacy import crypto
from evaluation.public.files import photo_url, submission_document_url
from evaluation.services import audit, field_rules, lifecycle
from evaluation.services import reserve as reserve_service
from evaluation.services import review as review_service
from evaluation.services.quotas import usage_for
from evaluation.viewsets.exports import SafeExportIndexView
from evaluation.viewsets.quotas import quota_rows
from evaluation.workflows.nomination import TRANSITIONS, Action, Status, Step, TransitionNotAllowed

register_permission_policy(Nomination, NominationPolicy(Nomination), exact_class=True)

EXPORT_FIELDS = [
    "tracking_number",
    "campaign",
    "nominee_name",
    "gender",
    "birth_year",
    "id_number_masked",
    "category",
    "jurisdiction",
    "unit",
    "method",
    "channel",
    "status",
    "consent_given",
    "nominator_list",
    "created_at",
]


class NominationFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(label="评选活动", queryset=Campaign.objects.all())
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices)
    category = django_filters.ChoiceFilter(label="类别", choices=Category.choices)
    jurisdiction = django_filters.ModelChoiceFilter(
        label="辖区/单位（含下级）", queryset=Jurisdiction.objects.all(), method="filter_jurisdiction"
    )
    # Choice filters, not BooleanFilter: the active-filter chips would read "True"/"False".
    consent_given = django_filters.ChoiceFilter(
        label="本人已同意公开", choices=[("yes", "已同意"), ("no", "尚未同意")], method="filter_consent"
    )
    awaiting_me = django_filters.ChoiceFilter(
        label="待我处理", choices=[("true", "只看待我处理的")], method="filter_awaiting_me"
    )

    class Meta:
        model = Nomination
        fields = ["campaign", "status", "category", "jurisdiction", "method", "channel"]

    def filter_consent(self, queryset, name, value):
        return queryset.filter(consent_given=value == "yes") if value else queryset

    def filter_awaiting_me(self, queryset, name, value):
        return rules.awaiting_action_by(self.request.user, queryset) if value else queryset

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.in_jurisdiction(value) if value else queryset


class JurisdictionScopedMixin:
    """Object views 404 for nominations outside the user's jurisdiction."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not rules.can_view_nomination(self.request.user, obj):
            raise Http404("没有找到该推荐。")
        return obj


UNDECRYPTABLE = "（无法解密）"


def _revealed(reveal, masked):
    """The full value, or the mask marked as undecryptable (the error is logged in crypto.decrypt)."""
    try:
        return reveal()
    except crypto.UndecryptableRecord:
        return masked + UNDECRYPTABLE


class NominationIndexView(SafeExportIndexView):
    template_name = "evaluation/admin/nomination_index.html"

    def get_edit_url(self, instance):
        # Only where the edit screen will open: never a link to 没有权限.
        if rules.can_edit_nomination(self.request.user, instance):
            return super().get_edit_url(instance)
        return None

    def primary_url(self, instance):
        """The nominee's name opens the screen this user may use: review if it is theirs to decide, else details."""
        user = self.request.user
        if rules.can_review(user, instance) or rules.can_resubmit(user, instance):
            return reverse("evaluation_nominations:review", args=[instance.pk])
        return reverse("evaluation_nominations:inspect", args=[instance.pk])

    @cached_property
    def columns(self):
        """The viewset's columns, the first one (the nominee's name) linking to primary_url, with the row's buttons."""
        first, *rest = super().columns
        view = self

        class NomineeColumn(ButtonsColumnMixin, TitleColumn):
            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        nominee = NomineeColumn(first.name, label=first.label, sort_key=first.sort_key, get_url=self.primary_url)
        return [nominee, *rest]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quota_rows"] = quota_rows(self.request.user)
        context["can_manage_quotas"] = rules.can_manage_quotas(self.request.user)
        return context

    def get_base_queryset(self):
        return rules.nominations_for(self.request.user, super().get_base_queryset()).select_related(
            "campaign", "jurisdiction"
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if rules.can_view_private_data(self.request.user):
            row["id_number_masked"] = _revealed(item.reveal_id_number, item.id_number_masked)
            row["nominator_list"] = "；".join(
                f"{n.name}（{_revealed(n.reveal_phone, n.phone_masked)}）" for n in item.nominators.all()
            )
        return row

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if rules.can_view_private_data(self.request.user):
            audit.record_private_access(
                user=self.request.user,
                purpose=PrivateDataAccess.Purpose.EXPORT,
                model=Nomination,
                ids=queryset.values_list("pk", flat=True),
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.is_export:
            queryset = queryset.prefetch_related("nominators")
        return queryset


class NominationInspectView(JurisdictionScopedMixin, generic.InspectView):
    template_name = "evaluation/admin/nomination_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, nomination = self.request.user, self.object
        nominators = list(nomination.nominators.select_related("organisation"))
        id_number = nomination.id_number_masked
        contact_phone = nomination.contact_phone_masked
        phones = {n.pk: n.phone_masked for n in nominators}
        if rules.can_view_private_data(user):
            try:
                id_number = nomination.reveal_id_number() if nomination.id_number_cipher else ""
                contact_phone = nomination.reveal_contact_phone() if nomination.contact_phone_cipher else ""
                phones = {n.pk: n.reveal_phone() for n in nominators}
            except crypto.UndecryptableRecord as exc:
                messages.error(self.request, f"{exc}页面暂显示打码信息。")
            else:
                audit.record_private_access(
                    user=user, purpose=PrivateDataAccess.Purpose.INSPECT, model=Nomination, ids=[nomination.pk]
                )
        context.update(
            id_number=id_number,
            contact_phone=contact_phone,
            members=list(nomination.members.all()),
            nominators=[{"obj": n, "phone": phones[n.pk]} for n in nominators],
            opinions=nomination.opinions.all(),
            photos=[{"obj": photo, "url": photo_url(photo)} for photo in nomination.photos.all()],
            submission_document_url=(
                submission_document_url(nomination.submission)
                if nomination.submission_id and rules.submissions_for(user).filter(pk=nomination.submission_id).exists()
                else None
            ),
            events=nomination.events.select_related("actor"),
            can_review=rules.can_review(user, nomination) or rules.can_resubmit(user, nomination),
            can_record_consent=rules.can_record_consent(user, nomination) and not nomination.consent_given,
            review_url=reverse("evaluation_nominations:review", args=[nomination.pk]),
            consent_url=reverse("evaluation_nominations:consent", args=[nomination.pk]),
            can_keep_on_file=rules.can_keep_on_file(user, nomination),
            can_withdraw=rules.can_withdraw(user, nomination) and (nomination.status, "withdraw") in TRANSITIONS,
            withdraw_url=reverse("evaluation_nominations:withdraw", args=[nomination.pk]),
            keep_on_file_url=reverse("evaluation_nominations:keep_on_file", args=[nomination.pk]),
            status_labels=dict(Status.choices),
        )
        return context


class NominationEditForm(forms.ModelForm):
    """Corrections to a nomination's public material; the jurisdiction stays within the editor's scope.

    A changed field is held to intake's own rules (services/field_rules.py) and refused with its
    messages; unchanged values were accepted when they came in.
    """

    class Meta:
        model = Nomination
        fields = ["nominee_name", "unit", "category", "priority_deed", "story", "jurisdiction"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        jurisdictions = field_rules.jurisdiction_choices()
        profile = profile_of(for_user)
        if not rules.is_city_staff(for_user) and profile is not None:
            jurisdictions = jurisdictions.filter(path__startswith=profile.jurisdiction.path)
        self.fields["jurisdiction"].queryset = jurisdictions

    def clean(self):
        cleaned = super().clean()
        changed = {name: cleaned[name] for name in self.changed_data if name in cleaned}
        try:
            cleaned.update(field_rules.clean_material(self.instance.campaign, changed, group=self.instance.is_group))
        except field_rules.NominationInvalid as exc:
            for name, messages in exc.errors.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned


class NominationEditView(JurisdictionScopedMixin, generic.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not rules.can_edit_nomination(self.request.user, obj):
            raise PermissionDenied
        return obj

    def save_instance(self):
        # The service reads the stored row again, so the audit event keeps old and new values.
        values = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        return lifecycle.update_material(self.object, actor=self.request.user, values=values)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except field_rules.NominationInvalid as exc:
            for name, messages in exc.errors.items():
                form.add_error(name if name in form.fields else None, messages)
            return self.form_invalid(form)


class NominationDeleteView(JurisdictionScopedMixin, generic.DeleteView):
    """Nominations are withdrawn, never deleted: deleting would take their audit trail with them."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied("推荐记录不能删除，如需终止请使用“撤回”。")


class NominationHistoryView(JurisdictionScopedMixin, generic.history.HistoryView):
    pass


class NominationUsageView(JurisdictionScopedMixin, generic.UsageView):
    pass


class NominationActionMixin(WagtailAdminTemplateMixin):
    """Screens about one nomination: titled with the nominee, with a way back to the listing and the details."""

    action_label = ""

    def get_page_title(self):
        return f"{self.action_label}：{self.nomination.nominee_name}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("evaluation_nominations:index"), "label": "推荐审核"},
            {
                "url": reverse("evaluation_nominations:inspect", args=[self.nomination.pk]),
                "label": self.nomination.nominee_name,
            },
            {"url": "", "label": self.action_label},
        ]


CONSEQUENCES = {
    (Step.GRASSROOTS, Action.APPROVE): "通过后，推荐报送{district}县区审核员审核。",
    (Step.DISTRICT, Action.APPROVE): (
        "通过后，推荐报送市文明办初审，并占用{district}本期名额1人（报送后已用{used_after}/{quota}人）；"
        "报送后本级不能再撤回或修改。"
    ),
    (Step.CITY, Action.APPROVE): "通过后，{name}成为有效候选人，进入网络投票等后续环节。",
    (Step.GRASSROOTS, Action.RETURN): "退回后，推荐回到提交人修改，理由会记入操作记录；修改后须重新提交。",
    (
        Step.DISTRICT,
        Action.RETURN,
    ): "退回后，推荐回到基层报送员修改，理由会记入操作记录；修改后须重新提交，不占用名额。",
    (Step.CITY, Action.RETURN): "退回后，推荐回到报送单位修改，已占用的名额保持不变；修改后须重新提交。",
    (Step.GRASSROOTS, Action.REJECT): "不予通过后，该推荐结束审核，不能恢复；理由将记入操作记录。",
    (Step.DISTRICT, Action.REJECT): "不予通过后，该推荐结束审核，不能恢复；理由将记入操作记录。",
    (Step.CITY, Action.REJECT): "不予通过后，该推荐结束审核，不能恢复；理由将记入操作记录。",
}


class NominationReviewView(NominationActionMixin, FormView):
    """Approve / return / reject (or resubmit), with department opinions at the district step."""

    template_name = "evaluation/admin/nomination_review.html"
    form_class = ReviewForm
    header_icon = "tasks"
    action_label = "审核"

    def dispatch(self, request, pk):
        nomination = get_object_or_404(rules.nominations_for(request.user).select_related("campaign"), pk=pk)
        if not (rules.can_review(request.user, nomination) or rules.can_resubmit(request.user, nomination)):
            raise PermissionDenied
        self.nomination = nomination
        self.step = Status.step_of(nomination.status)
        return super().dispatch(request, pk)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.step != Step.DISTRICT:
            del form.fields["override_reason"]  # only the district step has department opinions to override
        return form

    @property
    def departments(self):
        recorded = {o.department: (o.verdict, o.note) for o in self.nomination.opinions.all()}
        if self.request.method == "POST":  # a confirmation or an error keeps what was chosen
            recorded = {
                d: (self.request.POST.get(f"opinion_{d}", ""), self.request.POST.get(f"note_{d}", ""))
                for d in self.nomination.campaign.department_list
            }
        return [(d, *recorded.get(d, ("", ""))) for d in self.nomination.campaign.department_list]

    def quota(self):
        """Usage of the district's quota when this step forwards to the city (district approval or resubmission)."""
        if self.step == Step.DISTRICT or (
            self.nomination.status == Status.RETURNED and self.nomination.returned_from == Step.CITY
        ):
            return usage_for(self.nomination.campaign, self.nomination.jurisdiction)
        return None

    def consequence(self, action, quota):
        text = CONSEQUENCES.get((self.step, action), "")
        return text.format(
            name=self.nomination.nominee_name,
            district=quota.owner.name if quota else self.nomination.jurisdiction.name,
            used_after=(quota.used + 1) if quota else "",
            quota=quota.quota if quota else "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quota = self.quota()
        context.update(
            quota=quota,
            can_keep_on_file=rules.can_keep_on_file(self.request.user, self.nomination),
            keep_on_file_url=reverse("evaluation_nominations:keep_on_file", args=[self.nomination.pk]),
            can_manage_quotas=rules.can_manage_quotas(self.request.user),
            nomination=self.nomination,
            step_label=Step(self.step).label if self.step else "",
            is_district_step=self.step == Step.DISTRICT,
            departments=self.departments,
            verdicts=Verdict.choices,
            returned=self.nomination.status == Status.RETURNED,
            inspect_url=reverse("evaluation_nominations:inspect", args=[self.nomination.pk]),
        )
        return context

    def _opinions_from_post(self):
        opinions = {}
        for department in self.nomination.campaign.department_list:
            verdict = self.request.POST.get(f"opinion_{department}", "")
            if verdict:
                opinions[department] = (verdict, self.request.POST.get(f"note_{department}", ""))
        return opinions

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == Action.RESUBMIT:
            return self._apply(Action.RESUBMIT, "", "")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        action = form.cleaned_data["action"]
        if self.request.POST.get("confirmed") != "1":
            # Nothing is written yet: the reviewer first reads what the decision will do.
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    confirming=True,
                    confirm_label=Action(action).label,
                    consequence=self.consequence(action, self.quota()),
                )
            )
        opinions = self._opinions_from_post() if self.step == Step.DISTRICT else {}
        if opinions:
            try:
                review_service.record_opinions(self.nomination, actor=self.request.user, opinions=opinions)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
                return self.form_invalid(form)
        c = form.cleaned_data
        return self._apply(c["action"], c["reason"], c.get("override_reason", ""), form)

    def _apply(self, action, reason, override_reason, form=None):
        try:
            review_service.review(
                self.nomination, actor=self.request.user, action=action, reason=reason, override_reason=override_reason
            )
        except (ValidationError, TransitionNotAllowed, PermissionDenied) as exc:
            message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            if form is None:
                messages.error(self.request, message)
                return redirect(self.request.path)
            form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, f"已对“{self.nomination.nominee_name}”执行“{Action(action).label}”。")
        return redirect("evaluation_nominations:inspect", self.nomination.pk)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=500, help_text="理由将记入操作记录。"
    )


class NominationWithdrawView(NominationActionMixin, FormView):
    """Withdraw a nomination (已撤回) with a reason; the record and its history stay."""

    template_name = "evaluation/admin/nomination_withdraw.html"
    form_class = WithdrawForm
    header_icon = "cross"

    def dispatch(self, request, pk):
        self.nomination = get_object_or_404(rules.nominations_for(request.user), pk=pk)
        if not rules.can_withdraw(request.user, self.nomination):
            raise PermissionDenied
        return super().dispatch(request, pk)

    action_label = "撤回推荐"

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, **kwargs)

    def form_valid(self, form):
        try:
            lifecycle.withdraw(self.nomination, actor=self.request.user, reason=form.cleaned_data["reason"])
        except (ValidationError, TransitionNotAllowed, PermissionDenied) as exc:
            form.add_error(None, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
            return self.form_invalid(form)
        messages.success(self.request, f"已撤回“{self.nomination.nominee_name}”的推荐，记录已保留。")
        return redirect("evaluation_nominations:inspect", self.nomination.pk)


class NominationConsentView(NominationActionMixin, FormView):
    template_name = "evaluation/admin/nomination_consent.html"
    header_icon = "user"

    def get_form_class(self):
        from django import forms

        class ConsentForm(forms.Form):
            note = forms.CharField(
                label="本人同意的方式", max_length=200, help_text="例如：2026年5月3日电话确认，本人同意公开。"
            )

        return ConsentForm

    def dispatch(self, request, pk):
        self.nomination = get_object_or_404(rules.nominations_for(request.user), pk=pk)
        if not rules.can_record_consent(request.user, self.nomination):
            raise PermissionDenied
        return super().dispatch(request, pk)

    action_label = "记录本人同意"

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, **kwargs)

    def form_valid(self, form):
        review_service.record_consent(self.nomination, actor=self.request.user, note=form.cleaned_data["note"])
        messages.success(self.request, "已记录本人同意。")
        return redirect("evaluation_nominations:inspect", self.nomination.pk)


class KeepOnFileView(NominationActionMixin, FormView):
    """City staff put a nomination that was not listed into the reserve pool (储备库)."""

    template_name = "evaluation/admin/nomination_keep_on_file.html"
    header_icon = "folder-open-inverse"

    def get_form_class(self):
        from django import forms

        from evaluation.choices import Level

        class KeepForm(forms.Form):
            level = forms.ChoiceField(label="入库级别", choices=Level.choices)

        return KeepForm

    def get_initial(self):
        return {"level": self.nomination.campaign.level}

    def dispatch(self, request, pk):
        self.nomination = get_object_or_404(rules.nominations_for(request.user).select_related("campaign"), pk=pk)
        if not rules.can_keep_on_file(request.user, self.nomination):
            raise PermissionDenied
        return super().dispatch(request, pk)

    action_label = "转入储备库"

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, **kwargs)

    def form_valid(self, form):
        try:
            reserve_service.keep_on_file(self.nomination, actor=self.request.user, level=form.cleaned_data["level"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
            return self.form_invalid(form)
        messages.success(self.request, f"已将“{self.nomination.nominee_name}”转入储备库。")
        return redirect("evaluation_nominations:inspect", self.nomination.pk)


class NominationViewSet(ModelViewSet):
    model = Nomination
    icon = "user"
    menu_label = "推荐审核"
    index_view_class = NominationIndexView
    inspect_view_class = NominationInspectView
    edit_view_class = NominationEditView
    delete_view_class = NominationDeleteView
    history_view_class = NominationHistoryView
    usage_view_class = NominationUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = NominationFilterSet
    search_fields = ["nominee_name", "unit", "story", "tracking_number"]
    search_backend_name = None
    list_per_page = 30
    list_display = [
        "nominee_name",
        "tracking_number",
        Column("category", label="类别", accessor="get_category_display"),
        Column("jurisdiction", label="辖区/单位"),
        Column("status", label="状态", accessor="get_status_display"),
        BooleanColumn("consent_given", label="本人同意"),
        Column("priority_deed", label="优先评选", accessor="get_priority_deed_display"),
        DateColumn("created_at", label="提交时间"),
    ]
    list_export = EXPORT_FIELDS
    export_headings = {
        "id_number_masked": "身份证号",
        "nominator_list": "推荐人",
        "campaign": "评选活动",
    }
    export_filename = "nominations"

    def get_form_class(self, for_update=False):
        return NominationEditForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/review/", NominationReviewView.as_view(), name="review"),
            path("<int:pk>/consent/", NominationConsentView.as_view(), name="consent"),
            path("<int:pk>/keep-on-file/", KeepOnFileView.as_view(), name="keep_on_file"),
            path("<int:pk>/withdraw/", NominationWithdrawView.as_view(), name="withdraw"),
        ]


nomination_viewset = NominationViewSet("evaluation_nominations", url_prefix="evaluation/nominations")

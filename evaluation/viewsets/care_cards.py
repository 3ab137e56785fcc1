"""好人卡 screens: issue a card with its courtesies, renew it, recall it; and the courtesies the city offers."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import CareCard, CourtesyArea
from evaluation.permissions import RulePolicy
from evaluation.services import honours
from evaluation.viewsets.care_scope import CareScopedIndexMixin, CareScopedObjectMixin, honour_choices
from evaluation.viewsets.service_views import ServiceCreateView, ServiceEditView

register_permission_policy(
    CareCard, RulePolicy(CareCard, rules.can_keep_care, actions=("add", "change", "view")), exact_class=True
)
register_permission_policy(CourtesyArea, RulePolicy(CourtesyArea, rules.can_manage_honours), exact_class=True)


class CardIssueForm(WagtailAdminModelForm):
    class Meta:
        model = CareCard
        fields = ["honour", "number", "areas", "issued_on", "valid_until"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = honour_choices(self.for_user)
        self.fields["areas"].queryset = CourtesyArea.objects.filter(active=True)


class CardChangeForm(forms.ModelForm):
    """Renew (a later valid-until date) or recall (with a reason); nothing else changes on an issued card."""

    recall = forms.BooleanField(label="收回此卡", required=False)

    class Meta:
        model = CareCard
        fields = ["valid_until", "recall_reason"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)


class CardIssueView(ServiceCreateView):
    def save_instance(self):
        c = self.form.cleaned_data
        return honours.issue_card(
            c["honour"],
            actor=self.request.user,
            number=c["number"],
            valid_until=c["valid_until"],
            areas=c["areas"],
            issued_on=c["issued_on"],
        )


class CardIndexView(CareScopedIndexMixin, generic.IndexView):
    pass


class CardInspectView(CareScopedObjectMixin, generic.InspectView):
    pass


class CardChangeView(CareScopedObjectMixin, ServiceEditView):
    def save_instance(self):
        c = self.form.cleaned_data
        card = CareCard.objects.get(pk=self.object.pk)
        if c["recall"]:
            return honours.recall_card(card, actor=self.request.user, reason=c["recall_reason"])
        return honours.renew_card(card, actor=self.request.user, valid_until=c["valid_until"])


class CareCardViewSet(ModelViewSet):
    model = CareCard
    icon = "tag"
    menu_label = "好人卡"
    index_view_class = CardIndexView
    add_view_class = CardIssueView
    edit_view_class = CardChangeView
    inspect_view_class = CardInspectView
    list_display = [
        "number",
        "honour",
        "valid_until",
        Column("status", accessor="get_status_display", label="状态"),
    ]
    list_filter = ["status"]
    search_fields = ["number", "honour__name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return CardChangeForm if for_update else CardIssueForm


class CourtesyAreaViewSet(ModelViewSet):
    model = CourtesyArea
    icon = "list-ul"
    menu_label = "礼遇项目"
    form_fields = ["name", "description", "active"]
    list_display = ["name", "description", "active"]
    copy_view_enabled = False


care_card_viewset = CareCardViewSet("evaluation_care_cards", url_prefix="evaluation/care-cards")
courtesy_area_viewset = CourtesyAreaViewSet("evaluation_courtesy", url_prefix="evaluation/courtesy")

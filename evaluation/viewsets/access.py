"""Read-only admin listing of who saw full ID numbers and phones (city office staff and superusers)."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from evaluation import rules
from evaluation.models import PrivateDataAccess
from evaluation.permissions import RulePolicy
from evaluation.viewsets.exports import SafeExportIndexView

register_permission_policy(
    PrivateDataAccess, RulePolicy(PrivateDataAccess, rules.is_city_staff, actions=("view",)), exact_class=True
)


class PrivateDataAccessViewSet(ModelViewSet):
    model = PrivateDataAccess
    icon = "view"
    menu_label = "个人信息查看记录"
    index_view_class = SafeExportIndexView
    list_display = [
        DateColumn("created_at", label="时间"),
        "user",
        Column("purpose", label="场景", accessor="get_purpose_display"),
        "record_count",
        Column("record_ids", label="记录编号"),
    ]
    list_filter = ["purpose", "user"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # The policy allows only "view"; the form fields exist because ModelViewSet builds every view.
    form_fields = ["purpose"]


private_access_viewset = PrivateDataAccessViewSet("evaluation_private_access", url_prefix="evaluation/private-access")

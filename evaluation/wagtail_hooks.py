from django.urls import include, path
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from evaluation import rules
from evaluation.public import home
from evaluation.services.audit import CAMPAIGN_LOG_ACTIONS, LOG_ACTIONS
from evaluation.viewsets import (
    import_menu,  # noqa: F401  (organisation import screens register their hooks)
    voting_dashboard,
)
from evaluation.viewsets.access import private_access_viewset
from evaluation.viewsets.care_cards import care_card_viewset, courtesy_area_viewset
from evaluation.viewsets.comments import ApproveBulkAction, CommentViewSet, RejectBulkAction
from evaluation.viewsets.dashboard import AwaitingMePanel, FollowUpPanel, NominationCountsPanel
from evaluation.viewsets.disqualifications import disqualification_viewset
from evaluation.viewsets.expert_setup import expert_viewset, review_settings_viewset, rubric_viewset
from evaluation.viewsets.experts import expert_review_viewset, my_review_viewset
from evaluation.viewsets.honours import (
    care_viewset,
    certificate_viewset,
    honour_viewset,
    negative_viewset,
    promotion_viewset,
)
from evaluation.viewsets.inspections import inspection_viewset
from evaluation.viewsets.nominations import nomination_viewset
from evaluation.viewsets.notices import approval_viewset, objection_viewset
from evaluation.viewsets.quotas import district_quota_viewset
from evaluation.viewsets.reserve import reserve_viewset
from evaluation.viewsets.revocation_reports import revocation_report_viewset
from evaluation.viewsets.setup import (
    CampaignViewSet,
    HeldTitleViewSet,
    JurisdictionViewSet,
    StaffProfileViewSet,
    SubmissionViewSet,
)


class EvaluationGroup(ViewSetGroup):
    menu_label = "好人评选"
    menu_icon = "group"
    menu_order = 200
    submenu_hook = "register_evaluation_menu_item"
    items = (
        nomination_viewset,
        CampaignViewSet,
        reserve_viewset,
        CommentViewSet,
        expert_review_viewset,
        expert_viewset,
        review_settings_viewset,
        rubric_viewset,
        inspection_viewset,
        objection_viewset,
        disqualification_viewset,
        approval_viewset,
        honour_viewset,
        certificate_viewset,
        promotion_viewset,
        negative_viewset,
        revocation_report_viewset,
        care_viewset,
        care_card_viewset,
        courtesy_area_viewset,
        district_quota_viewset,
        SubmissionViewSet("evaluation_submissions", url_prefix="evaluation/submissions"),
        HeldTitleViewSet("evaluation_held_titles", url_prefix="evaluation/held-titles"),
        JurisdictionViewSet("evaluation_jurisdictions", url_prefix="evaluation/jurisdictions"),
        StaffProfileViewSet("evaluation_staff", url_prefix="evaluation/staff"),
        private_access_viewset,
    )


@hooks.register("register_admin_viewset")
def register_evaluation_viewsets():
    return EvaluationGroup()


hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


@hooks.register("register_admin_viewset")
def register_my_review():
    return my_review_viewset


@hooks.register("register_admin_urls")
def register_voting_dashboard_urls():
    return [
        path(
            "evaluation/voting/",
            include((voting_dashboard.urlpatterns, voting_dashboard.URL_NAMESPACE)),
        )
    ]


@hooks.register("register_evaluation_menu_item")
def register_voting_dashboard_menu_item():
    return voting_dashboard.menu_item()


@hooks.register("construct_homepage_panels")
def add_counts_panel(request, panels):
    if rules.can_access_nominations(request.user):
        panels.append(AwaitingMePanel(request.user))
        panels.append(NominationCountsPanel(request.user))
    if rules.can_manage_honours(request.user):
        panels.append(FollowUpPanel(request.user))


@hooks.register("scheduled_tasks")
def record_notice_events():
    """Run by `manage.py run_scheduler` (beside gunicorn under `make serve`): notice opened / closed."""
    from evaluation.services import notice

    notice.record_stage_events()


@hooks.register("scheduled_tasks")
def close_expired_expert_rounds():
    """Run by `manage.py run_scheduler`: a round still open when its 专家评审 stage has ended is closed."""
    from evaluation.services import drawing

    drawing.close_expired_rounds()


@hooks.register("frequent_scheduled_tasks")
def sequence_votes():
    """Every second beside gunicorn: votes accepted since the last round are appended to their campaign's ledger."""
    from evaluation.services import ledger

    ledger.sequence_pending()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in {**LOG_ACTIONS, **CAMPAIGN_LOG_ACTIONS}.items():
        actions.register_action(f"evaluation.{action}", label, label)


hooks.register("home_page_sections", home.campaign_area)


@hooks.register("load_demo_content")
def load_evaluation_demo(log):
    from evaluation import demo

    if not demo.load(log=log):
        log("评选演示数据已存在，未做修改。")


@hooks.register("requires_two_factor")
def city_staff_need_two_factor(user):
    """Those who see full ID numbers sign in with a code when STAFF_2FA_REQUIRED is on."""
    return rules.is_city_staff(user)

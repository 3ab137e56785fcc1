"""Moderation of comments (评议留言) and the sensitive-word list, for city office staff."""

from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from evaluation import rules
from evaluation.models import Comment
from evaluation.permissions import RulePolicy
from evaluation.services import comments

register_permission_policy(
    Comment, RulePolicy(Comment, rules.can_moderate_comments, actions=("change", "delete", "view")), exact_class=True
)


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "评议留言"
    add_to_admin_menu = False
    list_display = [
        Column("body", label="留言内容", accessor="body"),
        Column("candidate", label="候选人", accessor="candidate"),
        Column("status", label="状态", accessor="get_status_display"),
        Column("finding", label="敏感词提示", accessor="finding"),
        "report_count",
        "created_at",
    ]
    list_filter = {"status": ["exact"], "candidate__campaign": ["exact"]}
    search_fields = ["body", "display_name"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["status", "display_name", "body"]
    copy_view_enabled = False
    inspect_view_enabled = True


class ModerateBulkAction(SnippetBulkAction):
    """批量通过/不通过: one service call for the selected comments."""

    models = [Comment]
    template_name = "evaluation/admin/confirm_bulk_moderate.html"
    approve = True

    def check_perm(self, obj):
        return rules.can_moderate_comments(self.request.user)

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return comments.moderate(objects, approve=cls.approve, user=user), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "approve": self.approve, "verb": self.display_name}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return format_html(self.done_message, num_parent_objects)


class ApproveBulkAction(ModerateBulkAction):
    display_name = "审核通过"
    action_type = "approve_comments"
    aria_label = "审核通过所选留言"
    action_priority = 10
    approve = True
    done_message = "已审核通过{}条留言。"


class RejectBulkAction(ModerateBulkAction):
    display_name = "审核不通过"
    action_type = "reject_comments"
    aria_label = "将所选留言设为不通过"
    action_priority = 20
    classes = {"serious"}
    approve = False
    done_message = "已将{}条留言设为不通过。"

"""Publish an approved campaign's results to the honour roll from the command line (same service and rules)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from evaluation.models import Campaign
from evaluation.services import publication
from evaluation.workflows.pipeline import OutOfOrder


class Command(BaseCommand):
    help = "将已经文明委审批的评选结果发布到好人榜（与后台“发布到好人榜”相同的规则）。"

    def add_arguments(self, parser):
        parser.add_argument("campaign", type=int, help="评选活动编号")
        parser.add_argument("--user", required=True, help="以该市文明办工作人员的名义发布（记入操作日志）")

    def handle(self, *args, campaign, user, **options):
        found = Campaign.objects.filter(pk=campaign).first()
        if found is None:
            raise CommandError(f"评选活动 {campaign} 不存在。")
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"用户 {user} 不存在或已停用。")
        try:
            release = publication.publish(found, actor=actor)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except OutOfOrder as exc:
            raise CommandError(f"[{exc.code}] {exc.message}") from None
        self.stdout.write(f"已发布“{release.title}”：{release.url}")

"""Publish the vote ledger's checkpoints: run daily (cron) and once more when voting closes."""

from django.core.management.base import BaseCommand, CommandError

from evaluation.models import Campaign, LedgerCheckpoint
from evaluation.services import ledger


class Command(BaseCommand):
    help = "公布投票账本检查点（根哈希、记录数、时间）：每日一次，投票结束时一次。"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="只公布该活动（编号）")
        parser.add_argument("--close", action="store_true", help="作为投票结束检查点公布（与 --campaign 一起使用）")

    def handle(self, *args, campaign=None, close=False, **options):
        if campaign is not None:
            found = Campaign.objects.filter(pk=campaign).first()
            if found is None:
                raise CommandError(f"评选活动 {campaign} 不存在。")
            reason = LedgerCheckpoint.Reason.CLOSE if close else LedgerCheckpoint.Reason.MANUAL
            published = [ledger.publish_checkpoint(found, reason=reason)]
        elif close:
            raise CommandError("--close 须与 --campaign 一起使用。")
        else:
            published = ledger.publish_due_checkpoints()
        for checkpoint in published:
            label = checkpoint.get_reason_display()
            self.stdout.write(f"{checkpoint.campaign}: size={checkpoint.size} root={checkpoint.root} ({label})")
        if not published:
            self.stdout.write("没有需要公布的投票账本。")

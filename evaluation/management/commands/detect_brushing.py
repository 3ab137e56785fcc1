"""Runs the brushing detectors: `manage.py detect_brushing [--campaign N]`.

`manage.py run_scheduler` runs only Wagtail's publish_scheduled (it has no job
registry, and portal must not import evaluation), so run this from cron, e.g.
every 10 minutes:

    */10 * * * * cd /srv/portal && flock -n /tmp/brushing.lock .venv/bin/python manage.py detect_brushing -v 0

Each run reads a campaign's votes once and holds nothing twice (flock keeps runs from overlapping).
"""

from django.core.management.base import BaseCommand, CommandError

from evaluation.models import Campaign, Detector
from evaluation.services import brushing


class Command(BaseCommand):
    help = "检测刷票：对投票中的评选活动（或 --campaign 指定的活动）运行全部检测规则，疑似刷票的投票暂停计票待核查。"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="只检测这个评选活动（编号）。")

    def handle(self, *args, campaign=None, **options):
        if campaign is not None:
            found = Campaign.objects.filter(pk=campaign).first()
            if found is None:
                raise CommandError(f"评选活动 {campaign} 不存在。")
            campaigns = [found]
        else:
            campaigns = brushing.campaigns_to_check()
        labels = dict(Detector.choices)
        for item in campaigns:
            held = brushing.detect(item)
            summary = "，".join(f"{labels[d]} {n} 票" for d, n in held.items() if n) or "未发现新的疑似刷票"
            if options["verbosity"] > 0 or any(held.values()):
                self.stdout.write(f"{item.title}（编号 {item.pk}）：{summary}。")
        if not campaigns and options["verbosity"] > 0:
            self.stdout.write("目前没有投票中的评选活动。")

"""Check the links of every live page and store the broken ones for the 失效链接 report.

Run it on a schedule, e.g. nightly from cron:
    15 2 * * *  cd /srv/portal && .venv/bin/python manage.py check_links --timeout 5
"""

from django.core.management.base import BaseCommand

from portal.links import check_links


class Command(BaseCommand):
    help = "检查已发布页面中的链接（站内页面、附件、外部网址），结果显示在“报告 › 失效链接”。"

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=5.0, help="每个外部链接的超时秒数（默认 5）")

    def handle(self, *args, timeout, **options):
        broken = check_links(timeout=timeout)
        for link, reason in broken:
            self.stdout.write(f"页面 {link.page_id} {link.location}：{link.target}（{reason}）")
        self.stdout.write(self.style.SUCCESS(f"检查完成，失效链接 {len(broken)} 个。"))

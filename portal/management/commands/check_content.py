"""Re-run the content check on every page's latest revision (after the word list or mistakes list changed).

Saving a page already refreshes its own findings; schedule this for list changes, e.g.:
    30 2 * * *  cd /srv/portal && .venv/bin/python manage.py check_content
"""

from django.core.management.base import BaseCommand

from portal.review import refresh_all_findings


class Command(BaseCommand):
    help = "按当前敏感词和易错词重新检查所有页面，结果显示在“报告 › 内容检查”。"

    def handle(self, *args, **options):
        total = refresh_all_findings()
        self.stdout.write(self.style.SUCCESS(f"检查完成，发现 {total} 处。"))

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from portal.demo.loader import DemoExists, load
from portal.demo.site import ACCOUNTS

PAGE_TYPES = [
    ("HomePage", "首页"),
    ("ChannelPage", "栏目"),
    ("ArticlePage", "文章"),
    ("NoticePage", "通知公告"),
    ("StoryPage", "身边故事"),
    ("TopicPage", "专题"),
    ("HonourRollPage", "好人榜"),
    ("ReleasePage", "好人榜发布"),
    ("HonoureePage", "好人档案"),
]


class Command(BaseCommand):
    help = "建立演示站点（清河市文明网）的页面、图片、附件、菜单和演示账号；已存在时不做任何修改。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在生产环境设置（portal.settings.production）下也建立演示内容和演示账号。",
        )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "拒绝执行：当前是生产环境设置（portal.settings.production），load_demo 会建立演示内容和"
                "公开密码的演示账号（如 admin/admin123）。确需在此数据库中建立演示站点，请加 --allow-production。"
                " (Refusing to load demo content under production settings; pass --allow-production to do it anyway.)"
            )
        self.stdout.write("正在建立演示内容……")
        try:
            summary = load(log=self.stdout.write)
        except DemoExists:
            self.stdout.write(self.style.WARNING("演示内容已存在（已有首页），未做修改。"))
            summary = None
        # Other apps (the evaluation module) add their own demo data through this
        # hook, so the portal never imports them. Each must be idempotent too.
        for load_extra in hooks.get_hooks("load_demo_content"):
            load_extra(self.stdout.write)
        if summary is None:
            return
        counts = summary["counts"]
        self.stdout.write(self.style.SUCCESS(f"演示内容已建立，用时 {summary['seconds']} 秒。"))
        for name, label in PAGE_TYPES:
            self.stdout.write(f"  {label}：{counts.get(name, 0)}")
        self.stdout.write(f"  页面总数：{summary['pages']}，图片：{summary['images']}，附件：{summary['documents']}")
        self.stdout.write("演示账号：")
        for username, password, *_rest, superuser, groups in ACCOUNTS:
            role = "超级管理员" if superuser else "编辑（" + "、".join(groups) + "组）"
            note = "" if username in summary["created_accounts"] else "（账号原已存在，密码未改动）"
            self.stdout.write(f"  {username} / {password}  {role}{note}")

from django.core.management.base import BaseCommand

from evaluation import demo


class Command(BaseCommand):
    help = "建立评选模块演示数据（辖区、各角色账号、进行中的评选活动和推荐）；已存在时不做修改。"

    def handle(self, *args, **options):
        if not demo.load(log=self.stdout.write):
            self.stdout.write(self.style.WARNING("评选演示数据已存在，未做修改。"))
            return
        self.stdout.write(f"演示账号（密码均为 {demo.PASSWORD}）：")
        for username, role, _place, full_name in demo.ACCOUNTS:
            self.stdout.write(f"  {username}  {role.label}  {full_name}")

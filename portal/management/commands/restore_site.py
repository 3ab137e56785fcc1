from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = "从 backup_site 生成的 tar.gz 恢复数据库和文件；目标数据库须为空，否则需加 --force。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件（backups/site-….tar.gz）")
        parser.add_argument("--force", action="store_true", help="目标数据库已有内容时，清空后恢复")

    def handle(self, *args, **options):
        self.stdout.write(f"正在从 {options['archive']} 恢复……")
        try:
            backup.restore(options["archive"], force=options["force"], log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(f"恢复失败：{exc}") from exc
        self.stdout.write(self.style.SUCCESS("恢复完成，搜索索引已重建。"))

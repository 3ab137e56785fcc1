import time

from django.core.management.base import BaseCommand, CommandError

from portal.demo.random_content import NoDemo, add_articles, add_honourees


class Command(BaseCommand):
    help = "在演示站点上批量添加文章和好人档案（用于性能测试和查询次数检查）。需先运行 load_demo。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="添加的文章数")
        parser.add_argument("--honourees", type=int, default=0, help="添加的好人档案数")
        parser.add_argument("--channel", default="bobao", help="文章所在栏目的标识（slug），默认 bobao（文明播报）")
        parser.add_argument("--release", default="", help="好人档案所在发布页的标识（slug），默认最新一期")
        parser.add_argument("--seed", type=int, default=0, help="随机数种子，相同种子生成相同内容")

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["honourees"] < 0:
            raise CommandError("数量不能为负数。")
        try:
            if options["articles"]:
                started = time.monotonic()
                count = add_articles(options["articles"], options["channel"], 100 + options["seed"])
                self._report(f"文章（栏目 {options['channel']}）", count, started)
            if options["honourees"]:
                started = time.monotonic()
                release, count = add_honourees(options["honourees"], options["release"], 200 + options["seed"])
                self._report(f"好人档案（{release.title}）", count, started)
        except NoDemo as error:
            raise CommandError(str(error)) from error

    def _report(self, label, count, started):
        seconds = time.monotonic() - started
        rate = count / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(f"已添加{label} {count} 篇/人，用时 {seconds:.1f} 秒（{rate:.1f} 个/秒）。")
        )

import time

from django.core.management.base import BaseCommand, CommandError

from portal import cache
from portal.demo.bulk_articles import NoChannel, bulk_add_articles
from portal.demo.random_content import NoDemo, add_articles, add_honourees


class Command(BaseCommand):
    help = "在演示站点上批量添加文章和好人档案（用于性能测试和查询次数检查）。需先运行 load_demo。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="添加的文章数")
        parser.add_argument("--honourees", type=int, default=0, help="添加的好人档案数")
        parser.add_argument("--channel", default="bobao", help="文章所在栏目的标识（slug），默认 bobao（文明播报）")
        parser.add_argument("--release", default="", help="好人档案所在发布页的标识（slug），默认最新一期")
        parser.add_argument("--seed", type=int, default=0, help="随机数种子，相同种子生成相同内容")
        parser.add_argument(
            "--one-by-one",
            action="store_true",
            help="文章逐篇发布（生成修订版本和操作日志，很慢）；默认按批写入页面树和站内搜索索引",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="批量写入时每批的文章数（默认 2000）")

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["honourees"] < 0:
            raise CommandError("数量不能为负数。")
        try:
            if options["articles"]:
                started = time.monotonic()
                if options["one_by_one"]:
                    count = add_articles(options["articles"], options["channel"], 100 + options["seed"])
                else:
                    count = bulk_add_articles(
                        options["articles"],
                        options["channel"],
                        100 + options["seed"],
                        batch_size=max(1, options["batch_size"]),
                        progress=self._progress(started),
                    )
                    cache.invalidate_all()  # no signals were sent: listings must not serve cached pages
                self._report(f"文章（栏目 {options['channel']}）", count, started)
                if not options["one_by_one"]:
                    self.stdout.write(
                        "站内搜索索引已更新；Wagtail 后台搜索索引未更新，需要时运行 manage.py update_index。"
                    )
            if options["honourees"]:
                started = time.monotonic()
                release, count = add_honourees(options["honourees"], options["release"], 200 + options["seed"])
                self._report(f"好人档案（{release.title}）", count, started)
        except (NoDemo, NoChannel) as error:
            raise CommandError(str(error)) from error

    def _progress(self, started):
        """A one-line progress bar on stderr (redrawn in place on a terminal, one line per batch otherwise)."""
        stream = self.stderr

        def show(done, total):
            width = 30
            filled = width * done // total
            seconds = time.monotonic() - started
            eta = seconds / done * (total - done) if done else 0
            line = (
                f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} 篇 {100 * done // total}% "
                f"已用 {seconds:.0f} 秒，预计还需 {eta:.0f} 秒"
            )
            end = "\n" if done == total or not stream.isatty() else ""
            stream.write(("\r" if stream.isatty() else "") + line + end, ending="")
            stream.flush()

        return show

    def _report(self, label, count, started):
        seconds = time.monotonic() - started
        rate = count / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(f"已添加{label} {count} 篇/人，用时 {seconds:.1f} 秒（{rate:.1f} 个/秒）。")
        )

"""Wagtail's update_index with a progress bar per model.

Same command, options and batching (`--chunk_size`, default 1000 objects per
bulk request or database batch) as Wagtail's; it replaces the dots Wagtail
prints with a tqdm bar counting objects, for the database backend and
Elasticsearch alike.  `search` comes before `wagtail.search` in INSTALLED_APPS,
so `manage.py update_index` runs this one.  At verbosity 0 (backups, restores)
it prints nothing.
"""

from tqdm import tqdm
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex


class Command(WagtailUpdateIndex):
    help = "重建搜索索引（分批写入，显示进度）"

    def queryset_chunks(self, qs, chunk_size=1000):
        # Counted before the batches start, so the bar knows its total.
        self._total = qs.count() if self.verbosity > 0 else None
        self._label = qs.model._meta.label
        return super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        with tqdm(
            total=self._total,
            desc=self._label,
            unit="条",
            file=_BarStream(self.stderr),
            disable=self.verbosity == 0,
            dynamic_ncols=True,
            mininterval=0.5,
        ) as bar:
            for chunk in iterable:
                yield chunk
                bar.update(len(chunk))


class _BarStream:
    """The command's stderr as tqdm writes to it: no line ending added to each redraw."""

    def __init__(self, output):
        self.output = output

    def write(self, text):
        self.output.write(text, ending="")

    def flush(self):
        self.output.flush()

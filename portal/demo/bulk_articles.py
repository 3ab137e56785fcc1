"""Many demo articles at once: the page tree and the search index written in batches.

Publishing page by page (add_child, a revision, publish, the signals) manages
a few dozen articles a second.  Here each batch is a handful of multi-row
inserts: the base page rows with their tree paths computed up front, the
article rows, the tags, and the site search index rows.  The pages are live
and published (dated like the demo's), without revisions or log entries:
editing one in the admin starts its history.  Wagtail's own search index
(admin search, Elasticsearch) is not written: `manage.py update_index` does
that when it is wanted.
"""

import datetime
import time
import uuid

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from taggit.models import Tag
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.models import ArticlePage, ArticlePageTag, ChannelPage
from portal.models.mixins import stream_text
from search.documents import BODY, BYLINE, KINDS, LEAD, TITLE, Document, score_terms, section_path
from search.indexing import store
from search.segmentation import segment_for_index

from . import images
from .builder import moment, stream
from .pages import CHANNEL_SCENES, EDITORS, district_articles
from .places import DISTRICT_SLUGS, NameMaker, make_rng

BATCH_SIZE = 2000
_BODY = ArticlePage._meta.get_field("body")
REPORTERS = 2000  # a newsroom's worth of bylines (there are only ~13,000 distinct demo names)


class NoChannel(Exception):
    """The channel to fill does not exist (run load_demo first)."""


def _body_text(blocks):
    """What stream_text() gives for these raw body blocks, without loading their images."""
    images = [block["value"] for block in blocks if block["type"] == "image"]
    text = stream_text(_BODY.to_python([block for block in blocks if block["type"] != "image"]))
    return " ".join([text, *(part for value in images for part in (value["alt"], value["caption"]) if part)])


class BulkArticles:
    """Appends articles under one channel, batch by batch."""

    def __init__(self, channel, seed, days):
        self.channel = channel
        self.rng = make_rng(seed)
        self.pool = images.existing_pool() or images.create_pool()
        self.user = get_user_model().objects.filter(is_superuser=True).order_by("id").first()
        names = NameMaker(self.rng)
        self.reporters = [names.person()[0] for _ in range(REPORTERS)]
        self.end = datetime.date.today()
        self.start = self.end - datetime.timedelta(days=days)
        self.token = f"{time.time_ns() // 1_000_000:x}"
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.tags = {}
        self.section = (
            Page.objects.filter(path=section_path(channel.path + "0001")).values_list("pk", flat=True).first()
        )
        last = channel.get_last_child()
        self.next_step = int(last.path[-ChannelPage.steplen :], 36) + 1 if last else 1
        self.added = 0

    def add(self, count):
        """Publish `count` more articles in one transaction; returns how many."""
        per_district = -(-count // len(DISTRICT_SLUGS))
        specs = district_articles(self.rng, start=self.start, end=self.end, per_district=per_district)
        self.rng.shuffle(specs)
        pages, fields = [], []
        for spec in specs[:count]:
            values, text = self._article(spec)
            pages.append(values)
            fields.append(text)
        with transaction.atomic():
            self._insert(pages)
            self._tag(pages, [spec["tags"] for spec in specs[:count]])
            Page.objects.filter(pk=self.channel.pk).update(numchild=F("numchild") + len(pages))
            store(
                [
                    Document(v["id"], KINDS["article"], v["date"].year, "", self.section, score_terms(text, v["date"]))
                    for v, text in zip(pages, fields, strict=True)
                ],
                replace=False,
            )
        self.added += len(pages)
        return len(pages)

    def _article(self, spec):
        """(column values by field name, weighted text for the index) of one article."""
        scene = spec["scene"] or CHANNEL_SCENES.get(spec["channel"].split("/")[0])
        image = self.pool.scene(scene) if scene else None
        author = self.rng.choice(["记者 ", "通讯员 "]) + self.rng.choice(self.reporters)
        body = [dict(block, id=str(uuid.uuid4())) for block in stream(spec["body"], image, {})]
        body_text = _body_text(body)
        slug = f"b{self.token}-{self.next_step:06d}"
        path = child_path(self.channel.path, self.next_step)
        self.next_step += 1
        when = moment(spec["day"], self.rng)
        title = spec["title"]
        values = {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "path": path,
            "depth": self.channel.depth + 1,
            "url_path": f"{self.channel.url_path}{slug}/",
            "live": True,
            "first_published_at": when,
            "last_published_at": when,
            "latest_revision_created_at": when,
            "content_type": self.content_type.pk,
            "locale": self.channel.locale_id,
            "translation_key": uuid.uuid4(),
            "owner": self.user.pk if self.user else None,
            "date": spec["day"],
            "lead": spec["lead"],
            "cover_image": image.pk if image else None,
            "body": body,
            "source": spec["source"],
            "author": author,
            "editor_in_charge": self.rng.choice(EDITORS),
            "search_text": segment_for_index(title, spec["lead"], body_text, author, spec["source"]),
        }
        weighted = [(TITLE, title), (LEAD, spec["lead"]), (BODY, body_text), (BYLINE, author), (BYLINE, spec["source"])]
        return values, weighted

    def _insert(self, pages):
        """Base page rows, then article rows, as plain multi-row inserts (bulk_create refuses child models)."""
        ids = _new_page_ids(len(pages))
        for values, page_id in zip(pages, ids, strict=True):
            values["id"] = values["page_ptr"] = page_id
        for model in (Page, ArticlePage):
            table = _Table(model)
            with connection.cursor() as cursor:
                cursor.executemany(table.sql, [table.row(values) for values in pages])

    def _tag(self, pages, tag_names):
        rows = []
        for page, names in zip(pages, tag_names, strict=True):
            for name in (*names, "批量生成"):
                if name not in self.tags:
                    self.tags[name] = Tag.objects.get_or_create(name=name)[0]
                rows.append(ArticlePageTag(content_object_id=page["id"], tag=self.tags[name]))
        ArticlePageTag.objects.bulk_create(rows, batch_size=1000)


def _new_page_ids(count):
    """Ids for `count` new pages: taken from the sequence on PostgreSQL, after the largest on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('wagtailcore_page', 'id')) FROM generate_series(1, %s)", [count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM wagtailcore_page")  # inside the batch's write transaction
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


class _Table:
    """A model's own columns, with each value adapted to the database as Django would."""

    def __init__(self, model):
        ops = connection.ops
        self.fields = list(model._meta.local_concrete_fields)
        columns = ", ".join(ops.quote_name(f.column) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
        self.adapters = []
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "DateTimeField":
                adapt = ops.adapt_datetimefield_value
            elif kind == "DateField":
                adapt = ops.adapt_datefield_value
            elif isinstance(field, StreamField):
                adapt = lambda value, field=field: field.get_db_prep_save(field.to_python(value), connection)  # noqa: E731
            elif kind in ("UUIDField", "JSONField"):
                adapt = lambda value, field=field: field.get_db_prep_save(value, connection)  # noqa: E731
            else:
                adapt = None
            default = None if field.primary_key else field.get_db_prep_save(field.get_default(), connection)
            self.adapters.append((field.name, adapt, default))

    def row(self, values):
        return tuple(
            (adapt(values[name]) if adapt else values[name]) if name in values else default
            for name, adapt, default in self.adapters
        )


def bulk_add_articles(count, channel_slug, seed, days=730, batch_size=BATCH_SIZE, progress=None):
    """Publish `count` articles under the channel `channel_slug`, in batches; returns how many."""
    channel = ChannelPage.objects.filter(slug=channel_slug).first()
    if channel is None:
        raise NoChannel(f"没有找到标识为 {channel_slug} 的栏目，请先运行 load_demo。")
    with _fast_writes():
        bulk = BulkArticles(channel, seed, days)
        while bulk.added < count:
            bulk.add(min(batch_size, count - bulk.added))
            if progress:
                progress(bulk.added, count)
    if connection.vendor == "postgresql" and connection.get_autocommit():
        with connection.cursor() as cursor:
            # Fresh statistics for the planner, and a visibility map for index-only scans.
            for table in ("search_searchposting", "search_searchterm", "wagtailcore_page", "portal_articlepage"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    return bulk.added


class _fast_writes:
    """On SQLite, a big page cache while the index B-trees grow (the default 2 MB thrashes)."""

    def __enter__(self):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                self.previous = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -1000000")
        return self

    def __exit__(self, *exc):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.previous)}")


def child_path(parent_path, step):
    """The tree path of the `step`-th child of the page at `parent_path` (treebeard's: base 36, steplen digits)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    encoded = ""
    while True:
        step, digit = divmod(step, 36)
        encoded = digits[digit] + encoded
        if not step:
            break
    return parent_path + encoded.rjust(ChannelPage.steplen, "0")

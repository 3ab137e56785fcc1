from django.db import connection, models
from django.utils import timezone


class SearchQuery(models.Model):
    """What visitors searched for, so editors can see top and unanswered queries."""

    query_string = models.CharField("搜索词", max_length=100, unique=True)
    hits = models.PositiveIntegerField("搜索次数", default=0)
    zero_result_hits = models.PositiveIntegerField("无结果次数", default=0)
    last_result_count = models.PositiveIntegerField("最近结果数", default=0)
    last_searched_at = models.DateTimeField("最近搜索时间", default=timezone.now)

    class Meta:
        ordering = ["-hits"]
        verbose_name = "搜索词"
        verbose_name_plural = "搜索词统计"

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, result_count):
        """Count one search in one statement (an upsert): concurrent searches are all counted, and a
        search holds the database's write lock for one short statement, not a get_or_create and an update."""
        query_string = " ".join(query_string.split())[:100]
        if not query_string:
            return
        table = connection.ops.quote_name(cls._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (query_string, hits, zero_result_hits, last_result_count, last_searched_at) "  # noqa: S608 - fixed names, values are parameters
                "VALUES (%s, 1, %s, %s, %s) ON CONFLICT (query_string) DO UPDATE SET "
                f"hits = {table}.hits + 1, zero_result_hits = {table}.zero_result_hits + excluded.zero_result_hits, "
                "last_result_count = excluded.last_result_count, last_searched_at = excluded.last_searched_at",
                [query_string, 0 if result_count else 1, result_count, now],
            )


class SearchDocument(models.Model):
    """A live, public page in the site search index, with what the filters need.

    `terms` lists the page's index terms so that its postings can be removed
    without scanning the index (on unpublish, delete or re-index).
    """

    page_id = models.IntegerField("页面", primary_key=True)
    kind = models.PositiveSmallIntegerField("类型")
    year = models.PositiveSmallIntegerField("年度", null=True)
    category = models.CharField("类别", max_length=30, blank=True)
    section = models.IntegerField("栏目", null=True)
    terms = models.TextField("索引词", blank=True)

    class Meta:
        verbose_name = "搜索索引页面"
        verbose_name_plural = "搜索索引页面"

    def __str__(self):
        return str(self.page_id)


class SearchPosting(models.Model):
    """One (term, page) pair of the inverted index, ordered by score inside each term.

    The score is the term's field weight (title and names first) times
    100,000 plus the page's date as a day number, so that the best pages for
    a term are the first rows of its index range.  The filters are repeated
    here so that a filtered search is still one index scan.  The tables are
    created per database vendor (WITHOUT ROWID on SQLite, covering indexes
    on PostgreSQL) in the migration.
    """

    pk = models.CompositePrimaryKey("term", "score", "page_id")
    term = models.CharField(max_length=64)
    score = models.BigIntegerField()
    page_id = models.IntegerField()
    kind = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField(null=True)
    category = models.CharField(max_length=30, blank=True)
    section = models.IntegerField(null=True)

    def __str__(self):
        return f"{self.term} → {self.page_id}"


class SearchTerm(models.Model):
    """How many indexed pages hold each term: exact counts and the order of a multi-word search."""

    term = models.CharField(max_length=64, primary_key=True)
    pages = models.IntegerField(default=0)

    def __str__(self):
        return self.term

"""Counters shared by every worker process, kept in the database.

The default cache is per process (or a file cache without atomic increments)
when Redis is not configured, so numbers that must be exact across workers —
rate-limit counts, the page-cache generation — live here instead.
"""

from django.db import connection, models
from django.utils import timezone


class SharedCounterQuerySet(models.QuerySet):
    def incr(self, key, expires_at=None):
        """Add one to the counter atomically (creating it at 1) and return the new value."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        # One INSERT .. ON CONFLICT .. RETURNING statement (PostgreSQL, SQLite >= 3.35)
        # so concurrent workers never lose an increment or race on the first insert.
        # The only interpolation is our own quoted table name.
        sql = (
            f'INSERT INTO {table} ("key", "value", "expires_at") VALUES (%s, 1, %s) '  # noqa: S608
            f'ON CONFLICT ("key") DO UPDATE SET "value" = {table}."value" + 1 RETURNING "value"'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(expires_at)])
            return cursor.fetchone()[0]

    def value(self, key, default=0):
        """The counter's current value, or `default` if it was never incremented."""
        found = self.filter(key=key).values_list("value", flat=True).first()
        return default if found is None else found

    def purge_expired(self):
        return self.filter(expires_at__lt=timezone.now()).delete()


class SharedCounter(models.Model):
    key = models.CharField(max_length=200, primary_key=True)
    value = models.BigIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = SharedCounterQuerySet.as_manager()

    class Meta:
        verbose_name = "共享计数器"
        verbose_name_plural = "共享计数器"

    def __str__(self):
        return f"{self.key}={self.value}"

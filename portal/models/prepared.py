"""Prepared listing queries: a listing's SQL is built once per shape, its rows are read on every request.

Building a queryset (filters, joins) and compiling it to SQL took about half of
each small listing query, more than the database itself. `prepared_rows(key, build)`
runs `build()` and compiles it the first time a thread meets `key`; later calls
run the same SQL with the same parameters and build fresh objects from fresh rows,
as Django would. So the key must hold every value the queryset depends on (a
channel's path, a count, today's date...); nothing in the database is cached.
"""

import threading
from collections import OrderedDict

from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connections
from django.db.models.query import ModelIterable
from django.db.models.signals import post_migrate
from django.dispatch import receiver

MAX_PREPARED = 512  # shapes kept per thread; the least recently used go first

_local = threading.local()
_generation = 0  # bumped by forget_prepared: every thread starts again


@receiver(setting_changed)
@receiver(post_migrate)
def forget_prepared(**kwargs):
    """Compile every query again: settings changed, or a migration or a flush may have renumbered content types."""
    global _generation
    _generation += 1


def _memo():
    if getattr(_local, "generation", None) != _generation:
        _local.generation, _local.memo = _generation, OrderedDict()
    return _local.memo


def _prepared(memo_key, make):
    """What `make()` prepares for `memo_key`, made once per thread and connection.

    `make` returns (database alias, what to keep), or raises EmptyResultSet (kept nothing).
    """
    memo = _memo()
    found = memo.get(memo_key)
    if found is not None and found[0] is connections[found[1]]:
        memo.move_to_end(memo_key)
        return found[2]
    alias, prepared = make()
    memo[memo_key] = (connections[alias], alias, prepared)
    if len(memo) > MAX_PREPARED:
        memo.popitem(last=False)
    return prepared


def prepared_rows(key, build):
    """The objects of the queryset `build()` returns (a list), its SQL compiled once per thread for `key`."""

    def make():
        queryset = build()
        if queryset._prefetch_related_lookups or queryset._iterable_class is not ModelIterable:
            raise ValueError("prepared_rows takes querysets of model objects without prefetch_related")
        compiler = queryset.query.get_compiler(using=queryset.db)
        compiled = compiler.as_sql()
        # The compiler keeps what as_sql worked out (the select list, the models to
        # build); running it again needs only the SQL and its parameters.
        compiler.as_sql = lambda *args, **kwargs: compiled
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return queryset.db, queryset

    try:
        return list(ModelIterable(_prepared(key, make)))
    except EmptyResultSet:
        return []


def prepared_count(key, build):
    """The number of rows of the queryset `build()` returns, its SQL compiled once per thread for `key`."""

    def make():
        queryset = build()
        if queryset.query.is_sliced or queryset.query.distinct or queryset.query.combinator:
            raise ValueError("prepared_count takes plain filtered querysets")
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        # The inner SQL is the ORM's, with its parameters apart: nothing from a request is pasted in.
        return queryset.db, (queryset.db, f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608

    try:
        alias, sql, params = _prepared(("count", key), make)
    except EmptyResultSet:
        return 0
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]

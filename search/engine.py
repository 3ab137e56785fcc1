"""Site search: one call from the view, the database index or Wagtail's search backend behind it.

`search_pages(query, filters, page)` returns a `ResultPage`: the ids of one
page of results in rank order, the total, whether the total was capped, and
the strategy that found them.  With the default database backend the
project's own inverted index answers (search/indexing.py writes it); when
the default backend is Elasticsearch, Wagtail's search API does.

Ranking in the index: every (term, page) row has a score (search/documents.py);
a one-word search reads the first rows of that term in score order; a search
of several words merges the terms' rows in score order and stops as soon as
no unread page can beat the results it holds (Fagin's threshold algorithm),
so a common word costs about as much as a rare one.  When the words' best
pages differ (each word's top rows hold the other word only in the body),
proving the order exactly could mean reading every row of both words: the
merge reads at most MAX_ROWS_PER_TERM rows of each word and ranks the
matching pages among those read, which are each word's strongest and newest
matches.  A word rare enough (DIRECT_JOIN_LIMIT) is ranked exactly in SQL.
"""

import heapq

from django.conf import settings
from django.db import connection

from .documents import KINDS, MAX_TERM_LENGTH
from .results import PER_PAGE, ResultPage, clamp_page
from .segmentation import query_bigrams, query_words

COUNT_CAP = 1000  # computed counts stop here ("超过 1000 条"); one-word counts are exact
DIRECT_JOIN_LIMIT = 1000  # a multi-word search whose rarest word is this rare is ranked in one query
FIRST_CHUNK, LAST_CHUNK = 64, 256
MAX_ROWS_PER_TERM = 64 + 256 + 256  # the threshold merge reads no deeper than this into any word's rows


def uses_wagtail_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return "elasticsearch" in backend


def search_pages(query, filters, page=1, per_page=PER_PAGE):
    """One page of results for `query` with `filters` (type, channel, category, year)."""
    if uses_wagtail_backend():
        from .wagtail_search import search_with_wagtail

        return search_with_wagtail(query, filters, page, per_page)
    words = query_words(query)
    if not words:
        return ResultPage(per_page=per_page)
    attempts = [("words", words, "and")]
    bigrams = query_bigrams(query)
    if bigrams and bigrams != words:
        attempts.append(("bigrams", bigrams, "and"))
    if len(words) > 1:
        attempts.append(("any", words, "or"))
    with connection.cursor() as cursor:
        index = _Index(filters, cursor)
        for strategy, terms, mode in attempts:
            terms = [term for term in terms if len(term) <= MAX_TERM_LENGTH]
            total, capped = index.count(terms, mode)
            if total:
                number = clamp_page(page, total, per_page)
                ids = index.top(terms, mode, (number - 1) * per_page, per_page)
                return ResultPage(ids, total, capped, strategy, number, per_page)
    return ResultPage(per_page=per_page)


class _Index:
    """Reads of search_searchposting for one request's filters.

    The SQL is put together from fixed column names and placeholders only;
    every value (terms, filters, limits) is a query parameter.
    """

    def __init__(self, filters, cursor):
        self.conditions, self.params = [], []
        for column, value in (
            ("kind", KINDS.get(filters.get("type") or "")),
            ("section", filters.get("channel")),
            ("category", filters.get("category") or None),
            ("year", filters.get("year")),
        ):
            if value is not None:
                self.conditions.append(column)
                self.params.append(value)
        self.cursor = cursor
        self._pages = None

    def where(self, alias):
        return "".join(f" AND {alias}.{column} = %s" for column in self.conditions)

    def rows(self, sql, params):
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def pages_per_term(self, terms):
        """term -> number of indexed pages holding it (filters ignored)."""
        if self._pages is None:
            self._pages = {}
        missing = [term for term in terms if term not in self._pages]
        if missing:
            placeholders = ", ".join(["%s"] * len(missing))
            sql = f"SELECT term, pages FROM search_searchterm WHERE term IN ({placeholders})"  # noqa: S608
            found = dict(self.rows(sql, missing))
            self._pages.update({term: found.get(term, 0) for term in missing})
        return {term: self._pages[term] for term in terms}

    def count(self, terms, mode):
        """(total, capped) of pages matching all (mode "and") or any ("or") of the terms."""
        pages = self.pages_per_term(terms)
        if mode == "and" and (not terms or min(pages.values()) == 0):
            return 0, False
        if mode == "or" and not any(pages.values()):
            return 0, False
        if len(terms) == 1 and not self.conditions:
            return pages[terms[0]], False
        if mode == "and" and len(terms) > 2 and min(pages.values()) <= DIRECT_JOIN_LIMIT:
            total = len(self._small_and(terms))
            return (COUNT_CAP, True) if total > COUNT_CAP else (total, False)
        if mode == "or" and not self.conditions and max(pages.values()) > COUNT_CAP:
            return COUNT_CAP, True  # one word alone already holds more pages than the cap
        if mode == "and":
            terms = sorted(terms, key=pages.get)
            # p0, the rarest term, drives the join (CROSS JOIN keeps SQLite from reordering it).
            joins = "".join(f" CROSS JOIN search_searchposting p{i}" for i in range(1, len(terms)))
            links = "".join(f" AND p{i}.term = %s AND p{i}.page_id = p0.page_id" for i in range(1, len(terms)))
            sql = (
                f"SELECT COUNT(*) FROM (SELECT 1 FROM search_searchposting p0{joins} "  # noqa: S608
                f"WHERE p0.term = %s{links}{self.where('p0')} LIMIT %s) matches"
            )
            params = [terms[0], *terms[1:], *self.params, COUNT_CAP + 1]
        else:
            placeholders = ", ".join(["%s"] * len(terms))
            sql = (
                "SELECT COUNT(*) FROM (SELECT DISTINCT p0.page_id FROM search_searchposting p0 "  # noqa: S608
                f"WHERE p0.term IN ({placeholders}){self.where('p0')} LIMIT %s) matches"
            )
            params = [*terms, *self.params, COUNT_CAP + 1]
        total = self.rows(sql, params)[0][0]
        return (COUNT_CAP, True) if total > COUNT_CAP else (total, False)

    def top(self, terms, mode, offset, limit):
        """Page ids ranked offset … offset+limit-1 by total score, newest first among equals."""
        if len(terms) == 1:
            sql = (
                f"SELECT page_id FROM search_searchposting p0 WHERE p0.term = %s{self.where('p0')} "  # noqa: S608
                "ORDER BY p0.score DESC, p0.page_id DESC LIMIT %s OFFSET %s"
            )
            return [row[0] for row in self.rows(sql, [terms[0], *self.params, limit, offset])]
        pages = self.pages_per_term(terms)
        terms = sorted(terms, key=pages.get)
        if mode == "and" and len(terms) > 2 and pages[terms[0]] <= DIRECT_JOIN_LIMIT:
            totals = self._small_and(terms)
            ranked = sorted(totals, key=lambda page_id: (-totals[page_id], -page_id))
            return ranked[offset : offset + limit]
        if mode == "and" and pages[terms[0]] <= DIRECT_JOIN_LIMIT:
            return self._top_by_join(terms, offset, limit)
        return self._top_by_threshold(terms, mode, offset + limit)[offset:]

    def _small_and(self, terms):
        """page id -> total score of the pages holding every term, read from the rarest term's rows.

        One index lookup per term and candidate, whatever the number of words:
        a join of many copies of the table leaves the planner too many choices.
        """
        if not hasattr(self, "_small"):
            self._small = {}
        key = tuple(terms)
        if key not in self._small:
            pages = self.pages_per_term(terms)
            rarest, *others = sorted(terms, key=pages.get)
            where = self.where("p0")
            sql = f"SELECT page_id, score FROM search_searchposting p0 WHERE p0.term = %s{where}"  # noqa: S608
            totals = dict(self.rows(sql, [rarest, *self.params]))
            for term in others:
                if not totals:
                    break
                ids = list(totals)
                placeholders = ", ".join(["%s"] * len(ids))
                sql = f"SELECT page_id, score FROM search_searchposting WHERE term = %s AND page_id IN ({placeholders})"  # noqa: S608
                scores = dict(self.rows(sql, [term, *ids]))
                totals = {page_id: total + scores[page_id] for page_id, total in totals.items() if page_id in scores}
            self._small[key] = totals
        return self._small[key]

    def _top_by_join(self, terms, offset, limit):
        joins = "".join(f" CROSS JOIN search_searchposting p{i}" for i in range(1, len(terms)))
        links = "".join(f" AND p{i}.term = %s AND p{i}.page_id = p0.page_id" for i in range(1, len(terms)))
        total = " + ".join(f"p{i}.score" for i in range(len(terms)))
        sql = (
            f"SELECT p0.page_id, {total} AS total FROM search_searchposting p0{joins} "  # noqa: S608
            f"WHERE p0.term = %s{links}{self.where('p0')} ORDER BY total DESC, p0.page_id DESC LIMIT %s OFFSET %s"
        )
        return [row[0] for row in self.rows(sql, [terms[0], *terms[1:], *self.params, limit, offset])]

    def _top_by_threshold(self, terms, mode, need):
        lists = [_SortedList(self, term) for term in terms]
        totals, seen = {}, set()
        while True:
            for current in lists:
                if current.done or current.read >= MAX_ROWS_PER_TERM:
                    continue
                new = {page_id: score for score, page_id in current.next_chunk() if page_id not in seen}
                seen.update(new)
                if new:
                    totals.update(self._complete(new, current, lists, mode))
            if all(lst.done for lst in lists) or (mode == "and" and any(lst.done for lst in lists)):
                break  # every page that can match has been seen
            if all(lst.done or lst.read >= MAX_ROWS_PER_TERM for lst in lists):
                break  # deep enough: rank among the pages read
            if len(totals) >= need:
                threshold = sum(lst.bound for lst in lists)  # the best an unseen page can score
                if heapq.nlargest(need, totals.values())[-1] > threshold:
                    break
        ranked = sorted(totals.items(), key=lambda item: (-item[1], -item[0]))
        return [page_id for page_id, _ in ranked[:need]]

    def _complete(self, new, current, lists, mode):
        """Full totals of newly seen pages (for "and", only those holding every term)."""
        totals = dict(new)
        for other in lists:
            if other is current or not totals:
                continue
            ids = list(totals)
            placeholders = ", ".join(["%s"] * len(ids))
            scores = dict(
                self.rows(
                    "SELECT page_id, score FROM search_searchposting "  # noqa: S608
                    f"WHERE term = %s AND page_id IN ({placeholders})",
                    [other.term, *ids],
                )
            )
            if mode == "and":
                totals = {page_id: total + scores[page_id] for page_id, total in totals.items() if page_id in scores}
            else:
                totals = {page_id: total + scores.get(page_id, 0) for page_id, total in totals.items()}
        return totals


class _SortedList:
    """One term's rows in score order, read in growing chunks (keyset pagination)."""

    def __init__(self, index, term):
        self.index, self.term = index, term
        self.last, self.done, self.size, self.read = None, False, FIRST_CHUNK, 0

    @property
    def bound(self):
        """Highest score an unread row of this term can have."""
        if self.done:
            return 0
        return self.last[0] if self.last else float("inf")

    def next_chunk(self):
        where = self.index.where("p0")
        sql = f"SELECT score, page_id FROM search_searchposting p0 WHERE p0.term = %s{where}"  # noqa: S608
        params = [self.term, *self.index.params]
        if self.last:
            sql += " AND (p0.score, p0.page_id) < (%s, %s)"
            params += list(self.last)
        sql += " ORDER BY p0.score DESC, p0.page_id DESC LIMIT %s"
        rows = self.index.rows(sql, [*params, self.size])
        self.done = len(rows) < self.size
        self.read += len(rows)
        self.size = min(self.size * 4, LAST_CHUNK)
        if rows:
            self.last = tuple(rows[-1])
        return rows

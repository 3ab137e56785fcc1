"""Writing the site search index: documents, postings and term counts, in batches.

Only live, public articles, notices, stories and honouree profiles are
indexed.  Signals (search/signals.py) keep single pages in sync; `rebuild()`
and the bulk content generator write many at once.
"""

from collections import Counter

from django.db import connection, transaction

from .documents import document_for, kind_of, section_path
from .models import SearchDocument

POSTING_COLUMNS = ("term", "score", "page_id", "kind", "year", "category", "section")
INSERT_POSTING = f"INSERT INTO search_searchposting ({', '.join(POSTING_COLUMNS)}) VALUES ({', '.join(['%s'] * 7)})"  # noqa: S608
ADD_TERMS = (
    "INSERT INTO search_searchterm (term, pages) VALUES (%s, %s) "
    "ON CONFLICT (term) DO UPDATE SET pages = search_searchterm.pages + excluded.pages"
)


def indexed_models():
    from portal.models import ArticlePage, HonoureePage, NoticePage, StoryPage

    return {"article": ArticlePage, "notice": NoticePage, "story": StoryPage, "honouree": HonoureePage}


def remove(page_ids):
    """Take pages out of the index (no-op for pages that are not in it)."""
    page_ids = list(page_ids)
    if not page_ids:
        return
    docs = list(SearchDocument.objects.filter(page_id__in=page_ids).values_list("page_id", "terms"))
    if not docs:
        return
    pairs = [(term, page_id) for page_id, terms in docs for term in terms.split()]
    per_term = Counter(term for term, _ in pairs)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_searchposting WHERE term = %s AND page_id = %s", pairs)
        cursor.executemany(
            "UPDATE search_searchterm SET pages = pages - %s WHERE term = %s", [(n, t) for t, n in per_term.items()]
        )
        SearchDocument.objects.filter(page_id__in=[page_id for page_id, _ in docs]).delete()


def store(documents, replace=True):
    """Write documents (search.documents.Document); `replace=False` when none of them is indexed yet."""
    if not documents:
        return
    rows, per_term = [], Counter()
    for doc in documents:
        per_term.update(doc.scores.keys())
        rows.extend(
            (term, score, doc.page_id, doc.kind, doc.year, doc.category, doc.section)
            for term, score in doc.scores.items()
        )
    with transaction.atomic():
        if replace:
            remove(doc.page_id for doc in documents)
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    page_id=doc.page_id,
                    kind=doc.kind,
                    year=doc.year,
                    category=doc.category,
                    section=doc.section,
                    terms=" ".join(doc.scores),
                )
                for doc in documents
            ],
            batch_size=500,
        )
        _insert_postings(rows)
        with connection.cursor() as cursor:
            cursor.executemany(ADD_TERMS, sorted(per_term.items()))


def _insert_postings(rows):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than INSERT for the bulk generator's batches.
            with cursor.cursor.copy(f"COPY search_searchposting ({', '.join(POSTING_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            rows.sort()  # in key order the primary-key B-tree is written page by page, not at random
            cursor.executemany(INSERT_POSTING, rows)


def _restricted_paths():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_public(path, restricted):
    return not any(path.startswith(prefix) for prefix in restricted)


def _section_ids(paths):
    from wagtail.models import Page

    wanted = {section_path(path) for path in paths} - {None}
    return dict(Page.objects.filter(path__in=wanted).values_list("path", "pk")) if wanted else {}


def index_pages(pages):
    """Index specific pages if they are live and public, else take them out."""
    pages = list(pages)
    restricted = _restricted_paths()
    sections = _section_ids(page.path for page in pages)
    documents, gone = [], []
    for page in pages:
        kind = kind_of(page)
        if kind and page.live and _is_public(page.path, restricted):
            documents.append(document_for(page, kind, sections.get(section_path(page.path))))
        else:
            gone.append(page.pk)
    with transaction.atomic():
        remove(gone)
        store(documents)


def index_subtree(page):
    """Re-index a page and its descendants (after a move or a change of view restrictions)."""
    from wagtail.models import Page

    subtree = Page.objects.descendant_of(page, inclusive=True).type(*indexed_models().values())
    ids = list(subtree.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        index_pages(Page.objects.filter(pk__in=batch).specific())


def rebuild(batch_size=500, progress=None):
    """Empty the index and index every live, public page again."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in ("search_searchposting", "search_searchterm", "search_searchdocument"):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        restricted = _restricted_paths()
        total = 0
        for kind, model in indexed_models().items():
            queryset = model.objects.live().order_by("pk")
            if kind in ("story", "honouree"):
                queryset = queryset.select_related("district")
            batch = []
            for page in queryset.iterator(chunk_size=batch_size):
                if _is_public(page.path, restricted):
                    batch.append(page)
                if len(batch) >= batch_size:
                    total += _store_batch(batch, kind)
                    batch = []
                    if progress:
                        progress(total)
            total += _store_batch(batch, kind)
    return total


def _store_batch(pages, kind):
    sections = _section_ids(page.path for page in pages)
    store([document_for(page, kind, sections.get(section_path(page.path))) for page in pages], replace=False)
    return len(pages)

"""Chinese word segmentation for the search index and for queries.

Wagtail's database backends tokenise on spaces and punctuation, so an unbroken
run of Chinese characters would be one token.  Indexed text is therefore stored
pre-segmented: jieba's search-mode words, plus the character bigrams of every
Chinese run so that a word jieba segmented differently in context (names,
rare words) can still be matched.  Queries are segmented the same way.
"""

import logging
import re
from collections import Counter
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", re.UNICODE)


# jieba cuts each run of this pattern on its own, so a text's words are the
# words of its runs: caching them per run makes repetitive text (names,
# places, boilerplate) cheap to segment again, for the bulk indexer above all.
_JIEBA_RUN = jieba.re_han_default


@lru_cache(maxsize=20_000)
def _run_words(run):
    words = []
    for token in jieba.cut_for_search(run):
        token = token.strip().lower()
        if token and _WORD.fullmatch(token):
            words.append(token)
    return tuple(words)


def _words(text):
    """jieba search-mode words, lower-cased, punctuation dropped."""
    words = []
    for run in _JIEBA_RUN.split(text or ""):
        if run:
            words.extend(_run_words(run))
    return words


def _bigrams(text):
    grams = []
    for run in _CJK_RUN.findall(text or ""):
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def segment_for_index(*texts):
    """Return one space-separated string of every word and bigram of `texts`."""
    seen = []
    for text in texts:
        if not text:
            continue
        seen.extend(_words(text))
        seen.extend(_bigrams(text))
    return " ".join(seen)


# Characters that neither jieba nor the bigrams keep: a text's terms are the
# terms of the pieces between them, and pieces repeat (names, places, phrases).
_PIECE_BREAK = re.compile(r"[^\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff+#&._%\-]+")


@lru_cache(maxsize=20_000)
def _piece_terms(piece):
    counts = Counter(_words(piece))
    words = set(counts)
    for run in _CJK_RUN.findall(piece):
        for term in [run[i : i + 2] for i in range(len(run) - 1)] + list(run):
            if term not in words:
                counts[term] += 1
    return tuple(counts.items())


def index_terms(text):
    """Term -> occurrences in `text`: jieba words, CJK bigrams and single CJK characters.

    Single characters are terms too, so that a lone character (often a
    surname) is an index lookup like any word.
    """
    counts = {}
    for piece in _PIECE_BREAK.split(text or ""):
        if piece:
            for term, count in _piece_terms(piece):
                counts[term] = counts.get(term, 0) + count
    return counts


def query_words(query):
    """Distinct jieba words of a query, in order."""
    return list(dict.fromkeys(_words(query)))


def query_bigrams(query):
    """Distinct bigrams of the Chinese runs of a query (the fallback terms)."""
    return list(dict.fromkeys(_bigrams(query)))


def highlight_terms(query):
    """Terms worth marking in a result: the query's words, longest first."""
    terms = set(query_words(query))
    for run in _CJK_RUN.findall(query or ""):
        terms.add(run)
    for word in re.findall(r"[A-Za-z0-9]+", query or ""):
        terms.add(word)
    return sorted((t for t in terms if t), key=len, reverse=True)

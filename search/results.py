"""One page of search results, as both search paths (the site index and Wagtail's backends) return it."""

from dataclasses import dataclass, field

PER_PAGE = 10
MAX_PAGES = 100  # nobody pages further; deeper pages would cost more to rank


@dataclass
class ResultPage:
    ids: list = field(default_factory=list)
    total: int = 0
    capped: bool = False  # total is a lower bound ("超过 total 条")
    strategy: str = "none"
    number: int = 1
    per_page: int = PER_PAGE


def clamp_page(page, total, per_page):
    """The page number asked for, or 1 when it is not a page of these results."""
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    last = min(MAX_PAGES, max(1, -(-total // per_page)))
    return number if 1 <= number <= last else 1

"""Template context values computed only when a template uses them.

Django templates call a callable context value, so a page's `get_context` can
hand over queries without running them; a cached fragment (portal/fragments.py)
that does not render them then costs no query.
"""


class lazy:  # noqa: N801 - used like a function: lazy(fn)
    """A context value computed on first use: templates call it, then reuse the result."""

    def __init__(self, compute):
        self._compute = compute
        self._done = False
        self._value = None

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def resolve(value):
    """The value itself, or what a `lazy` value computes (for Python code reading a context)."""
    return value() if isinstance(value, lazy) else value

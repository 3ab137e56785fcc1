"""Building and linking listed pages cheaply: a listing makes dozens of page objects and links per request.

`ListedPageMixin` goes first in the bases of every page model of the site.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import Model
from django.db.models.base import DEFERRED
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from wagtail.models import Page
from wagtail.models.pages import WAGTAIL_APPEND_SLASH


def _inits(cls):
    return {vars(base)["__init__"] for base in cls.__mro__ if "__init__" in vars(base)}


# The __init__ methods of Page's bases (Wagtail's, modelcluster's, Django's) act only
# on a new object (no id) or on child-relation keyword arguments: a row has neither.
_ROW_SAFE_INITS = _inits(Page)
_row_safe = {}  # page model -> whether every __init__ in its bases is one of those
_layouts = {}  # page model -> (the field names list of the query being read, its layout)


def _layout(cls, field_names):
    """The row layout of a query that loads `field_names` of `cls`: (all DEFERRED, where each loaded value goes).

    Every row of a query comes with the same `field_names` list, so the layout of
    the last one is kept (with the list itself, so that its identity stays unique).
    """
    last = _layouts.get(cls)
    if last is None or last[0] is not field_names:
        concrete = cls._meta.concrete_fields
        positions = [i for i, f in enumerate(concrete) if f.attname in field_names]
        last = _layouts[cls] = (field_names, ((DEFERRED,) * len(concrete), positions))
    return last[1]


class ListedPageMixin:
    @classmethod
    def from_db(cls, db, field_names, values):
        # Django's Model.from_db, building the object with Model.__init__ alone: the
        # __init__ of modelcluster and of Wagtail's Page scan the model's relations
        # and check for a new page, which is three quarters of making a listed page.
        if cls not in _row_safe:  # a model (or a later Wagtail) with an __init__ of its own: Django's path
            _row_safe[cls] = _inits(cls) <= _ROW_SAFE_INITS
        if not _row_safe[cls]:
            return super().from_db(db, field_names, values)
        if len(values) != len(cls._meta.concrete_fields):
            blank, positions = _layout(cls, field_names)
            values, loaded = list(blank), values
            for position, value in zip(positions, loaded, strict=True):
                values[position] = value
        new = cls.__new__(cls)
        Model.__init__(new, *values)
        new._state.adding = False
        new._state.db = db
        return new

    def get_url_parts(self, request=None):
        # Wagtail's, with the URL reverse of each page path remembered: the page
        # belongs to one site (the usual case) and the URLs are not per language.
        sites = self._get_relevant_site_root_paths(request)
        if len(sites) != 1 or getattr(settings, "WAGTAIL_I18N_ENABLED", False) or not WAGTAIL_APPEND_SLASH:
            return super().get_url_parts(request)
        site_id, root_path, root_url, _language = sites[0]
        try:
            path = served_path(self.url_path[len(root_path) :], get_script_prefix(), get_urlconf())
        except NoReverseMatch:
            return (site_id, None, None)
        return (site_id, root_url, path)


@lru_cache(maxsize=20_000)
def served_path(relative_path, script_prefix, urlconf):
    """Wagtail's serving URL of a page path (the prefix and URLconf are part of the key)."""
    return reverse("wagtail_serve", args=(relative_path,), urlconf=urlconf)


@receiver(setting_changed)
def _forget_served_paths(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "WAGTAIL_APPEND_SLASH", "WAGTAIL_I18N_ENABLED"):
        served_path.cache_clear()

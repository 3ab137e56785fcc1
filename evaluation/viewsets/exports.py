"""The index view every evaluation admin screen uses, so that each export is formula-safe."""

from wagtail.admin.views import generic

from evaluation.exports import SafeExportMixin


class SafeExportIndexView(SafeExportMixin, generic.IndexView):
    pass

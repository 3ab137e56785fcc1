"""报送省文明办: city staff download the month's package of candidates recommended to the provincial list."""

import datetime
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from evaluation import rules
from evaluation.services import province_package


def _month(value):
    """The first day of the month `value` (YYYY-MM) names; this month when it is missing or malformed."""
    try:
        return datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


class ProvincePackageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/admin/province_package.html"
    page_title = "报送省文明办"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not rules.can_view_private_data(request.user):
            raise PermissionDenied
        self.month = _month(request.GET.get("month") or request.POST.get("month"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        due = province_package.due_date(self.month)
        return super().get_context_data(
            month=self.month,
            due=due,
            late=today > due and today.strftime("%Y-%m") == self.month.strftime("%Y-%m"),
            promotions=list(province_package.recommended(self.month)),
            **kwargs,
        )

    def post(self, request):
        try:
            name, content = province_package.build(self.month, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(f"{request.path}?month={self.month:%Y-%m}")
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response

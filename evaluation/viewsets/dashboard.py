"""Admin dashboard panel: nominations per stage and per district, within the user's scope."""

from collections import Counter

from django.db.models import Count
from wagtail.admin.ui.components import Component

from evaluation import rules
from evaluation.models import Jurisdiction
from evaluation.workflows.nomination import Status


class NominationCountsPanel(Component):
    name = "evaluation_counts"
    order = 50
    template_name = "evaluation/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        nominations = rules.nominations_for(self.user)
        by_status = dict(nominations.values_list("status").annotate(n=Count("id")).order_by())
        rows = nominations.values_list("jurisdiction__path", "status").annotate(n=Count("id")).order_by()
        steplen = Jurisdiction.steplen
        per_district = Counter()
        for path, status, n in rows:
            per_district[(path[: 2 * steplen], status)] += n
        districts = {j.path: j for j in Jurisdiction.objects.filter(path__in={p for p, _ in per_district})}
        table = []
        for path, district in sorted(districts.items()):
            counts = [per_district.get((path, s), 0) for s in Status.values]
            table.append({"name": district.name, "counts": counts, "total": sum(counts)})
        return {
            "statuses": Status.choices,
            "status_totals": [by_status.get(s, 0) for s in Status.values],
            "total": sum(by_status.values()),
            "table": table,
        }


class FollowUpPanel(Component):
    """Reminders for city staff: overdue care visits of honourees and objection cases still open."""

    name = "evaluation_follow_up"
    order = 60
    template_name = "evaluation/admin/follow_up_panel.html"

    def __init__(self, user, today=None):
        self.user = user
        self.today = today

    def get_context_data(self, parent_context):
        from evaluation.models import Honour, Objection

        overdue = Honour.objects.overdue_visits(self.today)
        cases = Objection.objects.unresolved().select_related("nomination", "assignee").order_by("deadline", "pk")
        return {
            "overdue_visits": overdue[:20],
            "overdue_count": len(overdue),
            "open_cases": list(cases[:20]),
            "late_case_ids": set(Objection.objects.overdue(self.today).values_list("pk", flat=True)),
        }


class AwaitingMePanel(Component):
    """First on the dashboard: what waits for this user's decision, per step, and their district's quota."""

    name = "evaluation_awaiting"
    order = 5
    template_name = "evaluation/admin/dashboard_awaiting.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from django.urls import reverse

        from evaluation.viewsets.quotas import quota_rows

        waiting = rules.awaiting_action_by(self.user, rules.nominations_for(self.user))
        by_status = dict(waiting.values_list("status").annotate(n=Count("id")).order_by())
        labels = dict(Status.choices)
        return {
            "total": sum(by_status.values()),
            "rows": [(labels[s], by_status[s]) for s in Status.values if by_status.get(s)],
            "listing_url": reverse("evaluation_nominations:index") + "?awaiting_me=true",
            "quota_rows": quota_rows(self.user),
            "can_manage_quotas": rules.can_manage_quotas(self.user),
        }

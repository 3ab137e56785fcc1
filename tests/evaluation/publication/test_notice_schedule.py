"""The notice opens and closes on its dates: the scheduler beside `make serve` records both, once."""

import datetime

import pytest
from django.core.management import call_command

from evaluation.models import CampaignEvent
from evaluation.services import notice

DAY = datetime.timedelta(days=1)


# A real transaction: the worker closes stale connections between runs, as in production.
@pytest.mark.django_db(transaction=True)
def test_scheduler_records_opening_and_closing_once(wagtail_roots, notice_campaign, candidates):
    call_command("run_scheduler", iterations=1, interval=0, verbosity=0)
    assert list(CampaignEvent.objects.values_list("action", flat=True)) == ["notice_opened"]
    stage = notice.notice_stage(notice_campaign)
    assert notice.record_stage_events(today=stage.ends_on) == []
    closed = notice.record_stage_events(today=stage.ends_on + DAY)
    assert [e.action for e in closed] == ["notice_closed"]
    assert notice.record_stage_events(today=stage.ends_on + 2 * DAY) == []
    assert CampaignEvent.objects.get(action="notice_opened").data["candidates"] == 3


@pytest.mark.django_db(transaction=True)
def test_a_failing_scheduled_task_does_not_stop_the_others(wagtail_roots):
    import io

    from wagtail import hooks

    ran = []

    def broken():
        raise RuntimeError("boom")

    with (
        hooks.register_temporarily("scheduled_tasks", broken),
        hooks.register_temporarily("scheduled_tasks", lambda: ran.append(1)),
    ):
        err = io.StringIO()
        call_command("run_scheduler", iterations=1, interval=0, stderr=err, verbosity=0)
    assert ran == [1] and "boom" in err.getvalue()

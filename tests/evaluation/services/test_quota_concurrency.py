"""Two forwards for one district at the same moment never pass its quota.

Each racer runs in its own thread with its own database connection; a barrier
releases them together, and the quota count is slowed down so that, without the
district lock, both would count before either writes.  On PostgreSQL the lock is
`select_for_update()` on the district row; on SQLite the transaction takes the
write lock when it begins (BEGIN IMMEDIATE) and the other waits out the busy timeout.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from evaluation.models import Nomination, ReserveEntry
from evaluation.services import intake, quotas, reserve, review
from evaluation.workflows.nomination import Action, Status
from tests.factories.evaluation import (
    CampaignFactory,
    build_jurisdictions,
    build_staff,
    make_id_number,
    nomination_data,
)

pytestmark = pytest.mark.django_db(transaction=True)

ALL_AGREE = {d: ("agree", "") for d in ["纪检监察", "公安", "税务", "市场监管", "卫生健康"]}
SLOW_COUNT_SECONDS = 0.5


@pytest.fixture
def world():
    jurisdictions = build_jurisdictions()
    staff = build_staff(jurisdictions)
    campaign = CampaignFactory(nomination_quota=2)
    # One place of 河西区's two is already taken.
    intake.submit(
        campaign,
        nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq="904")),
        organisation=jurisdictions["hexi"],
        public=False,
    )
    return campaign, jurisdictions, staff


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between the count and the write, as a busy server would."""
    real = quotas.quota_usage

    def slowed(*args, **kwargs):
        result = real(*args, **kwargs)
        time.sleep(SLOW_COUNT_SECONDS)
        return result

    monkeypatch.setattr(quotas, "quota_usage", slowed)


def district_approval(campaign, jurisdictions, staff, seq):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq=seq)))[0]
    review.record_opinions(nomination, actor=staff["hexi_reviewer"], opinions=ALL_AGREE)
    return lambda: review.review(nomination, actor=staff["hexi_reviewer"], action=Action.APPROVE)


def organisation_submission(campaign, jurisdictions, staff, seq):
    data = nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq=seq), nominee_name="赵建国")
    return lambda: intake.submit(campaign, data, organisation=jurisdictions["hexi"], public=False)


def reserve_carry(campaign, jurisdictions, staff, seq):
    entry = reserve.register(
        actor=staff["city_staff"],
        name="郭玉梅",
        category="helping_others",
        level="city",
        jurisdiction=jurisdictions["hexi_street"],
        unit="社区志愿者",
        story="郭玉梅组织邻里互助小组，十年来为独居老人代购代办上千次。",
        intake="staff",
        id_number=make_id_number(seq=seq),
    )
    return lambda: reserve.carry_into_campaign(
        ReserveEntry.objects.filter(pk=entry.pk), campaign, actor=staff["city_staff"]
    )


PATHS = {"review": district_approval, "import": organisation_submission, "reserve": reserve_carry}


def race(*callables):
    """Run the callables at once, each in a thread with its own connection; their outcomes in order."""
    barrier = threading.Barrier(len(callables))
    outcomes = [None] * len(callables)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[index] = "ok"
        except ValidationError as exc:  # the reserve reports its problems as one list
            outcomes[index] = "quota" if any("超出名额" in m for m in exc.messages) else repr(exc)
        except Exception as exc:  # reported by the assertion below, not swallowed
            outcomes[index] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(callables)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize(
    ("first", "second"),
    [("review", "review"), ("import", "review"), ("reserve", "import"), ("reserve", "review")],
)
def test_last_place_of_the_quota_goes_to_exactly_one(world, slow_count, first, second):
    campaign, jurisdictions, staff = world
    racers = [PATHS[first](campaign, jurisdictions, staff, "914"), PATHS[second](campaign, jurisdictions, staff, "924")]

    outcomes = race(*racers)

    assert sorted(outcomes) == ["ok", "quota"], outcomes
    forwarded = Nomination.objects.filter(campaign=campaign, status__in=Status.forwarded())
    assert forwarded.in_jurisdiction(jurisdictions["hexi"]).count() == campaign.nomination_quota

import datetime

import pytest

from evaluation.choices import AffiliationType, Role
from evaluation.models import Criterion, Expert, Nomination, Rubric
from evaluation.services import intake
from evaluation.workflows.nomination import Status
from tests.factories.evaluation import make_id_number, make_staff, nomination_data

TYPES = list(AffiliationType.values)
DIGITS = "零一二三四五六七八九"


def make_candidate(campaign, jurisdiction, n, *, name=None, unit="社区居民", consent=True, **overrides):
    """An accepted nomination (a candidate the panel scores); `n` keeps ID numbers apart."""
    data = nomination_data(
        jurisdiction,
        nominee_name=name or f"候选{DIGITS[n // 10 % 10]}{DIGITS[n % 10]}",
        unit=unit,
        id_number=make_id_number(born=datetime.date(1960, 1, 1) + datetime.timedelta(days=n), seq=f"{n % 1000:03d}"),
        **overrides,
    )
    nomination, _ = intake.submit(campaign, data, public=False)
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.ACCEPTED, consent_given=consent)
    return Nomination.objects.get(pk=nomination.pk)


def make_expert(n, jurisdiction, *, kind=None, unit=None, ties="", user=None):
    return Expert.objects.create(
        name=f"专家{n}",
        affiliation_type=kind or TYPES[n % len(TYPES)],
        jurisdiction=jurisdiction,
        unit=unit or f"第{n}研究院",
        declared_ties=ties,
        user=user,
    )


@pytest.fixture
def pool(jurisdictions):
    """Twelve city-level experts, two or three of each affiliation type."""
    return [make_expert(n, jurisdictions["city"]) for n in range(12)]


@pytest.fixture
def rubric(campaign):
    rubric = Rubric.objects.create(campaign=campaign)
    Criterion.objects.create(rubric=rubric, name="事迹真实感人", weight=60, sort_order=0)
    Criterion.objects.create(rubric=rubric, name="社会影响", weight=40, sort_order=1)
    return rubric


@pytest.fixture
def expert_user(jurisdictions):
    return make_staff("expert_a", Role.EXPERT, jurisdictions["city"])


@pytest.fixture
def city_staff(jurisdictions):
    return make_staff("city_staff", Role.CITY_STAFF, jurisdictions["city"])

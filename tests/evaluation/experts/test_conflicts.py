"""Automatic conflict detection between experts and candidates."""

import pytest

from evaluation.services.conflicts import conflict_reasons

from .conftest import make_candidate, make_expert


@pytest.fixture
def candidate(campaign, jurisdictions):
    return make_candidate(campaign, jurisdictions["hexi_street"], 1, name="王秀英", unit="柳巷社区居委会")


@pytest.mark.django_db
def test_no_conflict_for_an_unrelated_city_expert(candidate, jurisdictions):
    assert conflict_reasons(make_expert(1, jurisdictions["city"], unit="清河大学"), candidate) == []


@pytest.mark.django_db
def test_same_unit_as_the_nominee(candidate, jurisdictions):
    assert "与候选人同一单位" in conflict_reasons(
        make_expert(1, jurisdictions["city"], unit="柳巷社区居委会"), candidate
    )


@pytest.mark.django_db
def test_same_district_as_the_nominee(candidate, jurisdictions):
    assert "与候选人同属一个县区/单位" in conflict_reasons(make_expert(1, jurisdictions["hexi"]), candidate)
    assert conflict_reasons(make_expert(2, jurisdictions["chengguan"]), candidate) == []


@pytest.mark.django_db
def test_same_organisation_or_district_as_a_nominator(candidate, jurisdictions):
    nominator = candidate.nominators.first()
    nominator.organisation = jurisdictions["unit"]
    nominator.save()
    expert = make_expert(1, jurisdictions["unit"])
    assert "与推荐单位同一单位" in conflict_reasons(expert, candidate)
    assert "与推荐单位同属一个县区/单位" in conflict_reasons(make_expert(2, jurisdictions["unit"], unit="x"), candidate)


@pytest.mark.django_db
def test_declared_ties_naming_the_nominee_or_the_unit(candidate, jurisdictions):
    assert "申报的利害关系涉及候选人" in conflict_reasons(
        make_expert(1, jurisdictions["city"], ties="张三\n王秀英"), candidate
    )
    assert "申报的利害关系涉及候选人" in conflict_reasons(
        make_expert(2, jurisdictions["city"], ties="柳巷社区"), candidate
    )
    assert conflict_reasons(make_expert(3, jurisdictions["city"], ties="王秀"), candidate) == []

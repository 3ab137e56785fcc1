import pytest

from tests.factories.evaluation import CampaignFactory, build_jurisdictions, build_staff


@pytest.fixture
def jurisdictions(db):
    return build_jurisdictions()


@pytest.fixture
def staff(jurisdictions):
    return build_staff(jurisdictions)


@pytest.fixture
def campaign(db):
    return CampaignFactory()

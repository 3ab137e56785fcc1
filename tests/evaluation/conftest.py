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


@pytest.fixture
def campaign_page(home, campaign):
    from evaluation.pages import CampaignPage

    page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=campaign)
    home.add_child(instance=page)
    return page

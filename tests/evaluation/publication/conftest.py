"""A campaign that reached the public notice: three shortlisted candidates, a staff user, an honour roll."""

import datetime

import pytest
from django.utils import timezone

from evaluation.choices import InspectionVerdict, StageKind
from evaluation.models import CampaignStage, Inspection, Nomination, ShortlistEntry
from evaluation.pages import CampaignPage
from evaluation.services import candidate_photos, intake
from evaluation.workflows.nomination import Status
from portal.models import District
from tests.factories.evaluation import CampaignFactory, make_id_number, nomination_data, photo_upload

# (name, ID-number sequence, nominator, nominator phone, category)
PEOPLE = [
    ("王秀英", "124", "李明远", "13812345678", "helping_others"),
    ("刘志刚", "135", "赵春燕", "13923456789", "bravery"),
    ("陈淑芬", "146", "孙立群", "13734567890", "filial_love"),
]


def id_of(seq):
    return make_id_number(seq=seq)


def set_notice(campaign, starts, ends):
    CampaignStage.objects.update_or_create(
        campaign=campaign, kind=StageKind.NOTICE, defaults={"starts_on": starts, "ends_on": ends, "enabled": True}
    )


def close_notice(campaign):
    """Move the notice into the past (it ended yesterday), as the days after it would: approval may follow."""
    today = timezone.localdate()
    set_notice(campaign, today - datetime.timedelta(days=9), today - datetime.timedelta(days=1))


def inspect(campaign, nomination, verdict=InspectionVerdict.PASSED):
    """A recorded site inspection with its verdict (the service's own rules are tested in tests/evaluation/experts)."""
    Inspection.objects.update_or_create(
        campaign=campaign,
        nomination=nomination,
        defaults={"scheduled_on": timezone.localdate(), "verdict": verdict, "findings": "走访核实，事迹属实。"},
    )


@pytest.fixture
def district(jurisdictions):
    district = District.objects.create(name="河西区")
    hexi = jurisdictions["hexi"]
    hexi.district = district
    hexi.save()
    return district


@pytest.fixture
def notice_campaign(db, jurisdictions, district):
    today = timezone.localdate()
    campaign = CampaignFactory(stages=[StageKind.NOMINATION], honour_title="清河好人", period_label="2026年第四季度")
    set_notice(campaign, today - datetime.timedelta(days=2), today + datetime.timedelta(days=4))
    return campaign


@pytest.fixture
def candidates(notice_campaign, jurisdictions):
    """Three accepted nominees with consent, published photos, a place on the shortlist and a passed inspection."""
    made = []
    for rank, (name, seq, nominator, phone, category) in enumerate(PEOPLE, start=1):
        data = nomination_data(
            jurisdictions["hexi_street"],
            nominee_name=name,
            id_number=id_of(seq),
            nominator_name=nominator,
            nominator_phone=phone,
            category=category,
            photos=[photo_upload(f"{seq}.jpg")],
        )
        nomination, _ = intake.submit(notice_campaign, data, public=False)
        Nomination.objects.filter(pk=nomination.pk).update(status=Status.ACCEPTED, consent_given=True)
        nomination.refresh_from_db()
        candidate_photos.publish(nomination)
        ShortlistEntry.objects.create(
            campaign=notice_campaign, nomination=nomination, rank=rank, combined_score=90 - rank
        )
        inspect(notice_campaign, nomination)
        made.append(nomination)
    return made


@pytest.fixture
def notice_page(home, notice_campaign):
    page = CampaignPage(title="我推荐我评议身边好人", slug="tuijian", campaign=notice_campaign)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def city_staff(staff):
    return staff["city_staff"]

"""Reserve pool: one entry on file per person, and carry-over takes places of the district's quota."""

import pytest
from django.core.exceptions import ValidationError

from evaluation.models import Nomination, ReserveEntry
from evaluation.services import intake, reserve
from evaluation.workflows.nomination import Status
from tests.evaluation.services.test_reserve import register
from tests.factories.evaluation import CampaignFactory, make_id_number, nomination_data


def test_same_person_is_not_kept_on_file_twice(campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))[0]
    reserve.keep_on_file(nomination, actor=staff["city_staff"])
    with pytest.raises(ValidationError) as exc:
        reserve.keep_on_file(nomination, actor=staff["city_staff"])
    assert "王秀英已在储备库中" in exc.value.messages[0] and "不能重复入库" in exc.value.messages[0]
    assert ReserveEntry.objects.count() == 1


def test_registering_someone_already_on_file_is_refused(staff, jurisdictions):
    register(staff, jurisdictions)
    with pytest.raises(ValidationError) as exc:
        register(staff, jurisdictions, name="郭玉梅（重复）")
    assert "已在储备库中" in exc.value.messages[0]
    assert ReserveEntry.objects.count() == 1


def test_admin_keep_on_file_twice_shows_the_reason(client, campaign, jurisdictions, staff):
    nomination = intake.submit(campaign, nomination_data(jurisdictions["hexi"]))[0]
    reserve.keep_on_file(nomination, actor=staff["city_staff"])
    client.force_login(staff["city_staff"])
    response = client.post(f"/admin/evaluation/nominations/{nomination.pk}/keep-on-file/", {"level": "city"})
    assert response.status_code == 200 and "不能重复入库" in response.content.decode()


def test_carry_over_counts_against_the_district_quota(staff, jurisdictions):
    later = CampaignFactory(title="2027年第一季度评选", nomination_quota=2)
    intake.submit(
        later,
        nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq="714")),
        organisation=jurisdictions["hexi"],
        public=False,
    )
    first = register(staff, jurisdictions)
    second = register(staff, jurisdictions, name="刘洋", id_number=make_id_number(seq="624"))
    with pytest.raises(ValidationError) as exc:
        reserve.carry_into_campaign([first, second], later, actor=staff["city_staff"])
    assert any("河西区" in m and "超出名额" in m for m in exc.value.messages)
    assert Nomination.objects.filter(campaign=later).count() == 1
    created = reserve.carry_into_campaign([first], later, actor=staff["city_staff"])
    assert created[0].status == Status.PENDING_CITY and created[0].forwarded_at is not None
    # The carried nomination now fills 河西区's quota for an ordinary forward too.
    with pytest.raises(ValidationError):
        intake.submit(
            later,
            nomination_data(jurisdictions["hexi"], id_number=make_id_number(seq="734")),
            organisation=jurisdictions["hexi"],
            public=False,
        )

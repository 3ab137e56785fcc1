"""Factories for the evaluation pipeline: a small jurisdiction tree, staff of every role, campaigns."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from evaluation.choices import JurisdictionKind, Role, StageKind
from evaluation.models import Campaign, CampaignStage, Jurisdiction, StaffProfile
from evaluation.services.intake import NominationData
from evaluation.validators import id_number_check_code


def make_id_number(region="140105", born=datetime.date(1968, 5, 12), seq="123"):
    """A valid 18-digit ID number (check code computed)."""
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + id_number_check_code(first17)


def build_jurisdictions():
    """City → two districts (each with a grassroots organisation) and a stationed unit."""
    city = Jurisdiction.add_root(name="清河市", kind=JurisdictionKind.CITY)
    hexi = city.add_child(name="河西区", kind=JurisdictionKind.DISTRICT)
    chengguan = city.add_child(name="城关区", kind=JurisdictionKind.DISTRICT)
    unit = city.add_child(name="省电力公司清河供电分公司", kind=JurisdictionKind.STATIONED_UNIT)
    hexi_street = hexi.add_child(name="河西区柳巷街道", kind=JurisdictionKind.GRASSROOTS)
    cg_street = chengguan.add_child(name="城关区府东街道", kind=JurisdictionKind.GRASSROOTS)
    return {
        "city": city,
        "hexi": Jurisdiction.objects.get(pk=hexi.pk),
        "chengguan": Jurisdiction.objects.get(pk=chengguan.pk),
        "unit": unit,
        "hexi_street": hexi_street,
        "cg_street": cg_street,
    }


def make_staff(username, role, jurisdiction):
    user = get_user_model().objects.create_user(username=username, password="pw", first_name=username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    StaffProfile.objects.create(user=user, role=role, jurisdiction=jurisdiction)
    return user


def build_staff(j):
    return {
        "city_staff": make_staff("city_staff", Role.CITY_STAFF, j["city"]),
        "hexi_reviewer": make_staff("hexi_reviewer", Role.DISTRICT_REVIEWER, j["hexi"]),
        "cg_reviewer": make_staff("cg_reviewer", Role.DISTRICT_REVIEWER, j["chengguan"]),
        "hexi_submitter": make_staff("hexi_submitter", Role.UNIT_SUBMITTER, j["hexi_street"]),
        "cg_submitter": make_staff("cg_submitter", Role.UNIT_SUBMITTER, j["cg_street"]),
        "expert": make_staff("expert", Role.EXPERT, j["city"]),
        "editor": make_staff("editor_user", Role.EDITOR, j["city"]),
    }


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"2026年第{n}期身边好人评选")
    period_label = "2026年第三季度"
    story_min_chars = 20
    story_max_chars = 1500
    nomination_quota = 2

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if not create:
            return
        today = timezone.localdate()
        for kind in extracted if extracted is not None else [StageKind.NOMINATION, StageKind.REVIEW]:
            CampaignStage.objects.create(
                campaign=obj,
                kind=kind,
                starts_on=today - datetime.timedelta(days=10),
                ends_on=today + datetime.timedelta(days=20),
            )


def jpeg_bytes(size=(400, 300), color=(200, 60, 60), exif=True, fmt="JPEG"):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    if exif and fmt == "JPEG":
        info = Image.Exif()
        info[0x010F] = "SecretCam"  # Make
        info[0x0132] = "2026:05:01 10:00:00"
        image.save(out, fmt, exif=info.tobytes())
    else:
        image.save(out, fmt)
    return out.getvalue()


def photo_upload(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def nomination_raw(home, **overrides):
    """What a channel hands to intake.clean for a valid nomination (values as a user types them)."""
    values = {
        "method": "individual",
        "channel": "territorial",
        "category": "helping_others",
        "nominee_name": "王秀英",
        "gender": "female",
        "birth_year": "1968",
        "id_number": make_id_number(seq="124"),
        "jurisdiction": home.pk,
        "unit": "柳巷社区居民",
        "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "consent": False,
    }
    values.update(overrides)
    return values


def nomination_data(jurisdiction, **overrides):
    values = {
        "method": "individual",
        "channel": "territorial",
        "category": "helping_others",
        "nominee_name": "王秀英",
        "gender": "female",
        "birth_year": 1968,
        "id_number": make_id_number(seq="124"),
        "jurisdiction": jurisdiction,
        "unit": "柳巷社区居民",
        "story": "王秀英二十年来义务照顾社区里的三位孤寡老人，每天买菜做饭、陪同就医，从不间断。",
        "nominator_name": "李明",
        "nominator_phone": "13812345678",
        "consent": False,
        "photos": [],
    }
    values.update(overrides)
    return NominationData(**values)


CANDIDATE_SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏"
CANDIDATE_GIVEN = ["建国", "秀英", "志强", "桂兰"]


def make_candidates(campaign, jurisdiction, count, categories=("helping_others", "bravery", "honesty")):
    """`count` accepted, consenting candidates (the intake service, then accepted directly)."""
    from evaluation.models import Nomination
    from evaluation.services import intake
    from evaluation.workflows.nomination import Status

    made = []
    for i in range(count):
        data = nomination_data(
            jurisdiction,
            nominee_name=CANDIDATE_SURNAMES[i % 30] + CANDIDATE_GIVEN[i // 30 % len(CANDIDATE_GIVEN)],
            category=categories[i % len(categories)],
            id_number=make_id_number(born=datetime.date(1960 + i % 30, 1 + i % 12, 1 + i % 27), seq=f"{300 + i:03d}"),
        )
        made.append(intake.submit(campaign, data, public=False)[0])
    Nomination.objects.filter(pk__in=[n.pk for n in made]).update(status=Status.ACCEPTED, consent_given=True)
    return list(Nomination.objects.filter(pk__in=[n.pk for n in made]).order_by("pk"))


def make_candidate(campaign, jurisdiction, name, seq, *, status=None, consent=True, **overrides):
    """A nomination made a public candidate (accepted, consent given unless told otherwise)."""
    from evaluation.models import Nomination
    from evaluation.services import intake
    from evaluation.workflows.nomination import Status

    data = nomination_data(jurisdiction, nominee_name=name, id_number=make_id_number(seq=seq), **overrides)
    nomination = intake.submit(campaign, data, public=False)[0]
    Nomination.objects.filter(pk=nomination.pk).update(status=status or Status.ACCEPTED, consent_given=consent)
    nomination.refresh_from_db()
    return nomination

"""Vocabularies shared by the publicity pages and the evaluation module."""

from django.db import models


class Category(models.TextChoices):
    HELPING_OTHERS = "helping_others", "助人为乐"
    BRAVERY = "bravery", "见义勇为"
    HONESTY = "honesty", "诚实守信"
    DEDICATION = "dedication", "敬业奉献"
    FILIAL_LOVE = "filial_love", "孝老爱亲"


class Level(models.TextChoices):
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    NATIONAL = "national", "全国"

    @classmethod
    def rank(cls, value):
        """Higher number = higher level; used for eligibility checks."""
        return {cls.CITY: 1, cls.PROVINCE: 2, cls.NATIONAL: 3}[value]


class SubjectKind(models.TextChoices):
    PERSON = "person", "个人"
    COLLECTIVE = "collective", "集体"


class CheckLevel(models.TextChoices):
    """How serious a content-check finding is: 禁止 blocks publication, 提示 is shown to reviewers."""

    FORBIDDEN = "forbidden", "禁止"
    NOTICE = "notice", "提示"


class LinkKind(models.TextChoices):
    PAGE = "page", "站内页面"
    DOCUMENT = "document", "站内附件"
    EXTERNAL = "external", "外部链接"

"""Forms for the public nomination, the status lookup and the reviewers' actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation.choices import Gender, JurisdictionKind, NominationChannel, NominationMethod
from evaluation.models import Jurisdiction
from evaluation.public import captcha
from evaluation.services.intake import NominationData, neutralise
from evaluation.validators import birth_year_from_id, gender_from_id, validate_id_number, validate_phone
from evaluation.workflows.nomination import REVIEW_ACTIONS, Action


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photo files; content checks happen in services.photos."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class CaptchaMixin(forms.Form):
    captcha_key = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(label="验证码", max_length=8, help_text="请输入图片中的4位数字。")

    def clean(self):
        cleaned = super().clean()
        if not captcha.verify(cleaned.get("captcha_key"), cleaned.get("captcha_answer")):
            self.add_error("captcha_answer", "验证码不正确或已过期，请重新输入。")
        return cleaned


def jurisdiction_choices():
    """Districts and grassroots organisations a nominee can belong to."""
    return Jurisdiction.objects.filter(depth__gte=2).exclude(kind=JurisdictionKind.CITY).order_by("path")


class NominationForm(CaptchaMixin, forms.Form):
    method = forms.ChoiceField(label="推荐方式", choices=NominationMethod.choices)
    channel = forms.ChoiceField(label="推荐渠道", choices=NominationChannel.choices)
    nominee_name = forms.CharField(label="被推荐人姓名", max_length=30)
    gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    birth_year = forms.IntegerField(label="出生年份", min_value=1900)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    jurisdiction = forms.ModelChoiceField(label="所在县（市、区）或单位", queryset=Jurisdiction.objects.none())
    unit = forms.CharField(label="工作单位或身份", max_length=100, required=False)
    category = forms.ChoiceField(label="推荐类别")
    story = forms.CharField(label="主要事迹", widget=forms.Textarea(attrs={"rows": 10}))
    photos = MultipleImageField(label="照片", required=False)
    nominator_name = forms.CharField(label="推荐人姓名", max_length=30)
    nominator_phone = forms.CharField(label="推荐人手机号", max_length=20)
    consent = forms.BooleanField(label="本人同意公开姓名、照片和事迹（本人自荐时必须勾选）", required=False)

    field_order = [
        "method",
        "channel",
        "nominee_name",
        "gender",
        "birth_year",
        "id_number",
        "jurisdiction",
        "unit",
        "category",
        "story",
        "photos",
        "nominator_name",
        "nominator_phone",
        "consent",
        "captcha_key",
        "captcha_answer",
    ]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        for field in self.fields.values():
            verb = "选择" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) else "填写"
            field.error_messages["required"] = f"请{verb}{field.label}。"
        self.fields["category"].choices = campaign.category_choices
        self.fields["jurisdiction"].queryset = jurisdiction_choices()
        self.fields["birth_year"].max_value = timezone.localdate().year
        self.fields["story"].help_text = f"{campaign.story_min_chars}至{campaign.story_max_chars}字，请如实填写。"
        self.fields["photos"].help_text = (
            f"最多{campaign.max_photos}张，{'、'.join(campaign.photo_formats)}格式，"
            f"每张不超过{campaign.photo_max_bytes // 1024} KB。"
        )

    def clean_id_number(self):
        try:
            return validate_id_number(self.cleaned_data["id_number"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def clean_nominator_phone(self):
        return validate_phone(self.cleaned_data["nominator_phone"])

    def clean_nominee_name(self):
        return neutralise(self.cleaned_data["nominee_name"])

    def clean_nominator_name(self):
        return neutralise(self.cleaned_data["nominator_name"])

    def clean_unit(self):
        return neutralise(self.cleaned_data["unit"])

    def clean_story(self):
        return neutralise(self.cleaned_data["story"])

    def clean(self):
        cleaned = super().clean()
        id_number = cleaned.get("id_number")
        if id_number and cleaned.get("birth_year") and birth_year_from_id(id_number) != cleaned["birth_year"]:
            self.add_error("birth_year", "出生年份与身份证号码不一致。")
        if id_number and cleaned.get("gender") and gender_from_id(id_number) != cleaned["gender"]:
            self.add_error("gender", "性别与身份证号码不一致。")
        return cleaned

    def to_data(self):
        c = self.cleaned_data
        return NominationData(
            method=c["method"],
            channel=c["channel"],
            category=c["category"],
            nominee_name=c["nominee_name"],
            gender=c["gender"],
            birth_year=c["birth_year"],
            id_number=c["id_number"],
            jurisdiction=c["jurisdiction"],
            unit=c["unit"],
            story=c["story"],
            nominator_name=c["nominator_name"],
            nominator_phone=c["nominator_phone"],
            consent=c["consent"],
            photos=c.get("photos") or [],
        )


class StatusLookupForm(forms.Form):
    receipt_number = forms.CharField(label="回执编号", max_length=20)
    phone = forms.CharField(label="推荐人手机号", max_length=20)

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label="审核结果", choices=[(a.value, a.label) for a in REVIEW_ACTIONS if a != Action.RESUBMIT]
    )
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    override_reason = forms.CharField(
        label="部门意见缺失或有异议时的说明", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MultipleEvidenceField(forms.FileField):
    """Several evidence files; content checks happen in services.evidence."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleEvidenceField, self).clean(f, initial) for f in files]


class ObjectionForm(CaptchaMixin, forms.Form):
    """An objection to a candidate on the public notice (公示异议), filed under one's real name."""

    nomination = forms.TypedChoiceField(label="对哪位候选人有异议", coerce=int)
    name = forms.CharField(label="您的姓名", max_length=30, help_text="实名提出，我们对您的身份严格保密。")
    phone = forms.CharField(label="您的手机号", max_length=20, help_text="仅用于核实情况，不会公开。")
    facts = forms.CharField(label="异议事实", widget=forms.Textarea(attrs={"rows": 8}))
    evidence = MultipleEvidenceField(
        label="证据材料", required=False, help_text="可选，最多3个文件，JPEG、PNG图片或PDF，每个不超过2 MB。"
    )

    field_order = ["nomination", "name", "phone", "facts", "evidence", "captcha_key", "captcha_answer"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "请选择")] + [
            (n.pk, f"{n.nominee_name}（{n.get_category_display()}）") for n in candidates
        ]
        for field in self.fields.values():
            verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
            field.error_messages["required"] = f"请{verb}{field.label}。"

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean_name(self):
        return neutralise(self.cleaned_data["name"])

    def clean_facts(self):
        return neutralise(self.cleaned_data["facts"])

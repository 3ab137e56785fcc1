"""Forms for the public nomination, the status lookup and the reviewers' actions."""

from django import forms
from django.utils import timezone

from evaluation.choices import Gender, JurisdictionKind, NominationChannel, NominationMethod, SubjectKind
from evaluation.guards import captcha
from evaluation.models import Comment
from evaluation.services import intake
from evaluation.services.intake import neutralise
from evaluation.validators import validate_phone
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

    # Off for a request refused by the rate limits: checking would spend the visitor's captcha.
    check_captcha = True

    def clean(self):
        cleaned = super().clean()
        if self.check_captcha and not captcha.verify(cleaned.get("captcha_key"), cleaned.get("captcha_answer")):
            self.add_error("captcha_answer", captcha.WRONG_ANSWER)
        return cleaned


class Raw:
    """Renders like its base field but hands the raw value on: intake.clean owns every rule."""

    def clean(self, value):
        return value


class RawCharField(Raw, forms.CharField):
    pass


class RawChoiceField(Raw, forms.ChoiceField):
    pass


class RawIntegerField(Raw, forms.IntegerField):
    pass


class RawModelChoiceField(Raw, forms.ModelChoiceField):
    pass


LABELS = intake.LABELS

# What each channel means, in a visitor's words (the stored values stay 属地 / 媒体 / 自我).
CHANNEL_CHOICES = [
    (NominationChannel.TERRITORIAL.value, "所在地推荐：由被推荐人所在的社区、村或工作单位推荐上来"),
    (NominationChannel.MEDIA.value, "媒体推荐：在报纸、电视、网络等媒体上看到的事迹"),
    (NominationChannel.SELF.value, "直接推荐：我自己了解这件事，直接在这里推荐"),
]
GROUP_ORDER = [JurisdictionKind.DISTRICT, JurisdictionKind.PARTY_COMMITTEE, JurisdictionKind.STATIONED_UNIT]


def grouped_jurisdictions():
    """Jurisdiction choices as optgroups, one per county/district (or committee, unit), districts first."""
    rows = list(intake.jurisdiction_choices())
    tops = [j for j in rows if j.depth == 2]
    tops.sort(key=lambda j: (GROUP_ORDER.index(j.kind) if j.kind in GROUP_ORDER else len(GROUP_ORDER), j.path))
    groups = []
    for top in tops:
        below = [(str(j.pk), j.name) for j in rows if j.depth > 2 and j.path.startswith(top.path)]
        own = (str(top.pk), f"{top.name}（不清楚具体街道、单位时选这里）" if below else top.name)
        groups.append((top.name, [own, *below]))
    return [("", "请选择被推荐人所在的县区、街道或单位"), *groups]


class NominationForm(CaptchaMixin, forms.Form):
    """The public nomination form: labels, widgets and help; `clean()` delegates to intake.clean."""

    method = RawChoiceField(label=LABELS["method"], choices=NominationMethod.choices)
    channel = RawChoiceField(
        label=LABELS["channel"],
        choices=CHANNEL_CHOICES,
        initial=NominationChannel.SELF.value,
        widget=forms.RadioSelect,
        help_text="您是通过哪种途径知道这位好人的？不确定时选“直接推荐”。",
    )
    subject_kind = RawChoiceField(
        label=LABELS["subject_kind"],
        choices=[(SubjectKind.PERSON.value, "个人"), (SubjectKind.COLLECTIVE.value, "群体（团队、家庭、班组等）")],
        initial=SubjectKind.PERSON.value,
        widget=forms.RadioSelect,
    )
    nominee_name = RawCharField(
        label=LABELS["nominee_name"],
        max_length=50,
        help_text="推荐群体时填写群体名称，例如：柳巷社区“红马甲”志愿服务队。",
    )
    gender = RawChoiceField(label=LABELS["gender"], choices=Gender.choices)
    birth_year = RawIntegerField(
        label=LABELS["birth_year"], min_value=1900, required=False, help_text="可不填，将按身份证号码推算。"
    )
    id_number = RawCharField(
        label=LABELS["id_number"], max_length=20, help_text="推荐个人时必填；推荐群体时不填，成员的身份证号码写在下方。"
    )
    members = RawCharField(
        label=LABELS["members"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="推荐群体时填写，每行一人：姓名，角色，身份证号码（选填）。例如：张某某，队长",
    )
    contact_name = RawCharField(label=LABELS["contact_name"], max_length=30, required=False)
    contact_phone = RawCharField(label=LABELS["contact_phone"], max_length=20, required=False)
    jurisdiction = RawChoiceField(label=LABELS["jurisdiction"])
    unit = RawCharField(label=LABELS["unit"], max_length=100, required=False)
    category = RawChoiceField(label=LABELS["category"])
    story = RawCharField(label=LABELS["story"], widget=forms.Textarea(attrs={"rows": 10}))
    photos = MultipleImageField(label=LABELS["photos"], required=False)
    nominator_name = RawCharField(label=LABELS["nominator_name"], max_length=30)
    nominator_phone = RawCharField(label=LABELS["nominator_phone"], max_length=20)
    consent = forms.BooleanField(label=LABELS["consent"], required=False)

    field_order = [
        "method",
        "channel",
        "subject_kind",
        "nominee_name",
        "gender",
        "birth_year",
        "id_number",
        "jurisdiction",
        "unit",
        "category",
        "story",
        "photos",
        "members",
        "contact_name",
        "contact_phone",
        "nominator_name",
        "nominator_phone",
        "consent",
        "captcha_key",
        "captcha_answer",
    ]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        # The page turns this off for a refused (throttled) request: eligibility is not answered then.
        self.check_eligibility = True
        self.nomination = None
        for name, field in self.fields.items():
            if name not in LABELS:
                field.error_messages["required"] = f"请填写{field.label}。"
        self.fields["category"].choices = campaign.category_choices
        self.fields["jurisdiction"].choices = grouped_jurisdictions()
        self.fields["birth_year"].widget.attrs["max"] = timezone.localdate().year
        self.fields["story"].help_text = f"{campaign.story_min_chars}至{campaign.story_max_chars}字，请如实填写。"
        self.fields["photos"].help_text = (
            f"最多{campaign.max_photos}张，{'、'.join(campaign.photo_formats)}格式，"
            f"每张不超过{campaign.photo_max_bytes // 1024} KB。"
        )

    def clean(self):
        cleaned = super().clean()
        raw = {name: cleaned.get(name) for name in LABELS if name != "photos"}
        captcha_solved = not self.has_error("captcha_answer")
        try:
            self.nomination = intake.clean(
                self.campaign,
                raw,
                photos=cleaned.get("photos") or [],
                eligibility=captcha_solved and self.check_eligibility,
            )
        except intake.NominationInvalid as exc:
            for name, messages in exc.errors.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def to_data(self):
        return self.nomination


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


class CommentForm(CaptchaMixin, forms.Form):
    """A visitor's comment on a candidate (评议留言); the captcha is asked on submission."""

    body = forms.CharField(
        label="留言内容",
        max_length=Comment.BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"不超过{Comment.BODY_MAX_CHARS}字，审核通过后公开显示。",
        error_messages={"required": "请填写留言内容。"},
    )
    display_name = forms.CharField(label="署名", max_length=20, required=False, help_text="可不填，默认显示为“网友”。")

    field_order = ["body", "display_name", "captcha_key", "captcha_answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["captcha_key"].required = False
        self.fields["captcha_answer"].required = False

    def clean(self):
        if not self.data.get("captcha_key") or not (self.data.get("captcha_answer") or "").strip():
            self.add_error("captcha_answer", "请输入图片中的验证码后提交。")
            return forms.Form.clean(self)
        return super().clean()


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

import datetime

from ninja import Schema


class CaptchaOut(Schema):
    captcha_key: str
    image_url: str


class NominationIn(Schema):
    """Multipart fields of a public nomination (photos are sent as files named `photos`).

    A group (`subject_kind` = `collective`) has no ID number, gender or birth year of its own:
    `members` holds one member a line (姓名，角色，身份证号码, the last two optional) and the
    group names a contact person.
    """

    campaign: int
    method: str
    channel: str
    subject_kind: str = "person"
    nominee_name: str
    gender: str = ""
    birth_year: int | None = None
    id_number: str = ""
    jurisdiction: int
    unit: str = ""
    category: str
    story: str
    nominator_name: str
    nominator_phone: str
    members: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    consent: bool = False
    captcha_key: str
    captcha_answer: str


class NominationCreated(Schema):
    """The nominator's own receipt; the same neutral answer whether or not the nominee was already nominated."""

    receipt_number: str
    status: str
    status_label: str


class StatusLookupIn(Schema):
    """Sent as a JSON body so that neither value appears in a URL or an access log."""

    receipt_number: str
    phone: str


class NominationStatusOut(Schema):
    """Progress for the nominator who started the nomination; a neutral `received` for those who joined it."""

    receipt_number: str
    campaign: str
    status: str
    status_label: str
    updated_at: datetime.datetime


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = {}


class StaffNominationOut(Schema):
    id: int
    tracking_number: str
    campaign: str
    nominee_name: str
    category: str
    jurisdiction: str
    status: str
    status_label: str
    id_number: str
    consent_given: bool


class ReviewIn(Schema):
    action: str
    reason: str = ""
    override_reason: str = ""

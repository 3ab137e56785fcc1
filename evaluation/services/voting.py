"""Casting a vote: one path for the voting page, the JSON API and the demo.

`issue_voter` → (voter, token): the token is the voter's credential (only its
hash is stored). `cast` checks the vote stage, the candidate and every limit of
the campaign's VotingRules, then inserts the vote with INSERT … ON CONFLICT DO
NOTHING RETURNING on its natural key (campaign, candidate, voter, day), in one
short transaction holding the voter's row lock, so a voter's own concurrent
votes are checked one after the other while other voters never wait. The
ledger entry is appended afterwards by the sequencer (services/ledger.py); the
receipt is the vote's own and is returned at once. A retry of a counted vote is
refused with `already_counted` (409) and never makes a second row. `counts`
aggregates the rows (one indexed COUNT per campaign), live or as the daily
snapshot.

A vote costs three statements (services/vote_sql.py): the voter's row locked
together with everything that cannot change under it (stage open, candidate,
rules, already voted today), the voter's counts read after the lock (only when
the rules set a limit), and the insert.
"""

import dataclasses
import hashlib
import ipaddress
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from evaluation.choices import CountsDisplay, IdentityMode, StageKind, VoteStatus
from evaluation.guards import captcha, throttle
from evaluation.models import Campaign, Nomination, Vote, VoteCountSnapshot, Voter, VotingRules
from evaluation.privacy import crypto
from evaluation.services import ledger, sms, vote_sql
from evaluation.services.candidate_photos import public_candidates
from portal.security.addresses import client_address

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class VoteRefused(Exception):
    """A refused vote or voter registration: a stable `code`, a Chinese `message`, the HTTP status."""

    def __init__(self, code, message, http_status=400):
        super().__init__(message)
        self.code, self.message, self.http_status = code, message, http_status


@dataclasses.dataclass(frozen=True)
class CastResult:
    created: bool
    vote: Vote
    receipt: str


def rules_for(campaign):
    """The campaign's voting rules, or the defaults (device mode, live counts) if none were set."""
    return VotingRules.objects.filter(campaign=campaign).first() or VotingRules(campaign=campaign)


def votable_candidates(campaign):
    """Accepted candidates who agreed to publication: the only ones the public may vote for."""
    return public_candidates().filter(campaign=campaign)


def address_hash(request):
    """A keyed hash of the client's address group (never the address itself)."""
    if request is None:
        return ""
    return salted_hmac("vote-address", throttle.client_group(client_address(request))).hexdigest()[:32]


def subnet_hash(request):
    """A keyed hash of the client's /24 (IPv4) or /48 (IPv6), for the brushing detectors."""
    if request is None:
        return ""
    address = client_address(request).strip("[]")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    network = ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False)
    return salted_hmac("vote-subnet", str(network)).hexdigest()[:32]


FINGERPRINT_HEADER = "X-Device-Fingerprint"


def device_hash(request):
    """A keyed hash of User-Agent, Accept-Language and the client's fingerprint (header or form field).

    Without a fingerprint, many phones share a User-Agent, so the /24 stands in for it.
    """
    if request is None:
        return ""
    fingerprint = request.headers.get(FINGERPRINT_HEADER, "")
    if not fingerprint and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fingerprint = request.POST.get("device_fingerprint", "")
    fingerprint = fingerprint[:200] or f"subnet:{subnet_hash(request)}"
    parts = (request.headers.get("User-Agent", "")[:400], request.headers.get("Accept-Language", "")[:100], fingerprint)
    return salted_hmac("vote-device", "\n".join(parts)).hexdigest()[:32]


def phone_bucket(phone):
    """A keyed hash of a phone's first 9 digits: 100 numbers share it, so sequences can be found."""
    return salted_hmac("vote-phone-bucket", phone[:9]).hexdigest()[:32] if phone else ""


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _require_open(campaign):
    if not campaign.stage_is_open(StageKind.VOTE):
        raise VoteRefused("not_open", "当前不在投票时间内。", 403)


# ---- voters ---------------------------------------------------------------------------------------


def request_sms_code(campaign, phone, *, request):
    """Send a one-time code to `phone` (validated) for an SMS-mode campaign."""
    _require_open(campaign)
    if rules_for(campaign).identity_mode != IdentityMode.SMS:
        raise VoteRefused("wrong_mode", "本次投票不需要短信验证。", 400)
    if not throttle.allow(request, "sms"):
        raise VoteRefused("rate_limited", throttle.MESSAGE, 429)
    try:
        sms.send_code(campaign, phone, address_hash=address_hash(request))
    except sms.SmsRefused as exc:
        raise VoteRefused(exc.code, exc.message, exc.http_status) from None


def _identity(campaign, mode, mode_data, request):
    """The value a voter is known by in this mode (hashed before it is stored)."""
    mode_data = mode_data or {}
    if mode == IdentityMode.DEVICE:
        return f"device:{secrets.token_hex(16)}", None
    if mode == IdentityMode.ACCOUNT:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            raise VoteRefused("login_required", "本次投票需要先登录。", 401)
        return f"account:{user.pk}", user
    phone, code = mode_data.get("phone") or "", mode_data.get("code") or ""
    if not phone or not code:
        raise VoteRefused("sms_required", "请填写手机号和短信验证码。", 400)
    if not sms.check_code(campaign, phone, code):
        raise VoteRefused("sms_invalid", "短信验证码不正确或已过期，请重新获取。", 400)
    return f"phone:{phone}", None


def _phone_of(mode, mode_data):
    return (mode_data or {}).get("phone", "") if mode == IdentityMode.SMS else ""


def issue_voter(campaign, *, mode_data=None, request):
    """Register (or recognise) a voter in the campaign's identity mode; returns (voter, token).

    Device mode makes a new anonymous voter each time; account and SMS mode find
    the voter already known for that account or phone and give them a new token
    (the previous token stops working).
    """
    _require_open(campaign)
    mode = rules_for(campaign).identity_mode
    if mode == IdentityMode.DEVICE and not throttle.allow(request, "voter"):
        raise VoteRefused("rate_limited", throttle.MESSAGE, 429)
    value, user = _identity(campaign, mode, mode_data, request)
    token = secrets.token_urlsafe(32)
    identity_hash = crypto.keyed_hash(value)
    defaults = {"mode": mode, "token_hash": token_hash(token), "user": user, "address_hash": address_hash(request)}
    defaults["phone_bucket"] = phone_bucket(_phone_of(mode, mode_data))
    if mode == IdentityMode.DEVICE:  # a fresh random identity: nobody to recognise, one INSERT
        return Voter.objects.create(campaign=campaign, identity_hash=identity_hash, **defaults), token
    try:
        with transaction.atomic():
            voter, created = Voter.objects.get_or_create(
                campaign=campaign, identity_hash=identity_hash, defaults=defaults
            )
    except IntegrityError:  # the same account or phone registering twice at once
        voter, created = Voter.objects.get(campaign=campaign, identity_hash=identity_hash), False
    if not created:
        Voter.objects.filter(pk=voter.pk).update(token_hash=defaults["token_hash"])
        voter.token_hash = defaults["token_hash"]
    return voter, token


def voter_from_token(campaign, token):
    """The campaign's voter holding `token`, or None."""
    if not token:
        return None
    return Voter.objects.filter(campaign=campaign, token_hash=token_hash(token)).first()


# ---- casting --------------------------------------------------------------------------------------


def _new_receipt():
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(20))


def _already_counted():
    return VoteRefused("already_counted", "您今天已为该候选人投过票，本票已计入，无需重复投票。", 409)


def _captcha_required():
    return VoteRefused("captcha_required", "为防止刷票，请先输入图片验证码。", 428)


def _voter_required():
    return VoteRefused("voter_required", "投票凭证无效，请重新获取。", 401)


class _CaptchaFirst(Exception):
    """The vote needs a captcha: checked (and spent) outside the vote's transaction, then tried again."""


def _check_limits(rules, found, category, now, solved_captcha):
    """Refuse a vote over a limit; returns what was checked (stored with the vote)."""
    used = found["used"]
    checked = {"per_candidate_per_day": VotingRules.PER_CANDIDATE_PER_DAY}
    if rules["captcha_after"] and used >= rules["captcha_after"] and not solved_captcha:
        raise _CaptchaFirst
    if rules["per_day_total"]:
        if used >= rules["per_day_total"]:
            raise VoteRefused("daily_limit", f"您今天的 {rules['per_day_total']} 票已全部投出，请明天再来。", 429)
        checked["per_day_total"] = [used + 1, rules["per_day_total"]]
    if rules["per_category_per_day"]:
        if found["in_category"] >= rules["per_category_per_day"]:
            label = dict(Nomination._meta.get_field("category").flatchoices).get(category, category)
            raise VoteRefused(
                "category_limit", f"您今天在“{label}”类别的 {rules['per_category_per_day']} 票已投完。", 429
            )
        checked["per_category_per_day"] = [found["in_category"] + 1, rules["per_category_per_day"]]
    if rules["min_interval_seconds"]:
        last = found["last"]
        if last is not None and (now - last).total_seconds() < rules["min_interval_seconds"]:
            raise VoteRefused("too_fast", f"投票过于频繁，两次投票请至少间隔 {rules['min_interval_seconds']} 秒。", 429)
        checked["min_interval_seconds"] = rules["min_interval_seconds"]
    return checked


def _cast_once(campaign_id, candidate_id, voter_lookup, request, solved_captcha):
    day = timezone.localdate()
    with transaction.atomic():
        # One voter's votes are checked and written one at a time; other voters are not held up.
        facts = vote_sql.locked_facts(campaign_id, candidate_id, voter_lookup, day)
        if facts is None:
            return None
        if not facts["vote_open"]:
            raise VoteRefused("not_open", "当前不在投票时间内。", 403)
        if facts["category"] is None:
            raise VoteRefused("not_a_candidate", "该候选人不在本次投票范围内。", 404)
        if facts["already"]:
            raise _already_counted()
        rules = facts["rules"]
        now = timezone.now()
        found = {"used": 0, "again": 0}
        if any(rules.values()):  # a limit depends on the voter's other votes: read them under the lock
            found = vote_sql.counts_now(facts["voter_id"], candidate_id, facts["category"], day)
        if found["again"]:
            raise _already_counted()  # a concurrent copy of this request got the lock first
        checked = _check_limits(rules, found, facts["category"], now, solved_captcha)
        vote = Vote(
            campaign_id=campaign_id,
            candidate_id=candidate_id,
            voter_id=facts["voter_id"],
            day=day,
            receipt=_new_receipt(),
            created_at=now,
            address_hash=address_hash(request),
            subnet_hash=subnet_hash(request),
            device_hash=device_hash(request),
            accepted_because={
                "mode": facts["mode"],
                "stage": StageKind.VOTE,
                "limits": checked,
                "captcha": solved_captcha,
            },
        )
        vote.pk = vote_sql.insert(vote)
        if vote.pk is None:
            raise _already_counted()
    return CastResult(created=True, vote=vote, receipt=vote.receipt)


def _cast(campaign_id, candidate_id, voter_lookup, *, request, captcha_key, captcha_answer):
    try:
        return _cast_once(campaign_id, candidate_id, voter_lookup, request, solved_captcha=False)
    except _CaptchaFirst:
        pass
    if not captcha_key:
        raise _captcha_required()
    # Checked (and spent) outside the vote transaction, so a refused vote cannot replay it.
    if not captcha.verify(captcha_key, captcha_answer):
        raise VoteRefused("captcha_invalid", "验证码不正确或已过期，请重新获取。", 400)
    try:
        return _cast_once(campaign_id, candidate_id, voter_lookup, request, solved_captcha=True)
    except _CaptchaFirst:  # cannot happen once solved; kept total for the reader
        raise _captcha_required() from None


def cast(campaign, candidate_id, voter, *, request, captcha_key="", captcha_answer=""):
    """Cast one vote; returns CastResult or raises VoteRefused (see the module docstring)."""
    if voter is None or voter.campaign_id != campaign.pk:
        _require_open(campaign)
        raise _voter_required()
    lookup = {"pk": voter.pk}
    result = _cast(
        campaign.pk, candidate_id, lookup, request=request, captcha_key=captcha_key, captcha_answer=captcha_answer
    )
    if result is None:  # the voter row is gone
        _require_open(campaign)
        raise _voter_required()
    return result


def cast_with_token(campaign_id, token, candidate_id, *, request, captcha_key="", captcha_answer=""):
    """Cast one vote for the voter holding `token` (the API's path: the voter is found in the vote's statement).

    Raises VoteRefused `voter_required` (401) for an unknown token, `not_found` (404) for an unknown campaign.
    """
    result = None
    if token:
        result = _cast(
            campaign_id,
            candidate_id,
            {"token_hash": token_hash(token)},
            request=request,
            captcha_key=captcha_key,
            captcha_answer=captcha_answer,
        )
    if result is None:
        if not Campaign.objects.filter(pk=campaign_id).exists():
            raise VoteRefused("not_found", "评选活动不存在。", 404)
        raise _voter_required()
    return result


# ---- status changes and counts ------------------------------------------------------------------


def set_status(vote, status, *, reason_code):
    """Quarantine, invalidate or release a vote; the ledger gets a status entry, the vote entry stays."""
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status == status and vote.reason_code == reason_code:
            return vote
        Vote.objects.filter(pk=vote.pk).update(status=status, reason_code=reason_code)
        vote.status, vote.reason_code = status, reason_code
        ledger.append_status(vote, status=status, reason_code=reason_code)
    return vote


def _aggregate(campaign, before=None):
    votes = Vote.objects.filter(campaign=campaign)
    if before is not None:
        votes = votes.filter(created_at__lt=before)
    rows = votes.values("candidate_id").annotate(
        valid=Count("id", filter=Q(status=VoteStatus.VALID)),
        quarantined=Count("id", filter=Q(status=VoteStatus.QUARANTINED)),
    )
    return {row["candidate_id"]: {"valid": row["valid"], "quarantined": row["quarantined"]} for row in rows}


def _snapshot(campaign, rules, now=None):
    """The latest published snapshot, publishing today's once its hour has passed."""
    cutoff = rules.latest_snapshot_cutoff(now)
    stage = campaign.stage(StageKind.VOTE)
    if stage is None or cutoff.date() < stage.starts_on:
        return None
    found = VoteCountSnapshot.objects.filter(campaign=campaign, cutoff=cutoff).first()
    if found is None:
        counts = {str(k): v for k, v in _aggregate(campaign, before=cutoff).items()}
        try:
            with transaction.atomic():
                found = VoteCountSnapshot.objects.create(campaign=campaign, cutoff=cutoff, counts=counts)
        except IntegrityError:  # another request published it first
            found = VoteCountSnapshot.objects.get(campaign=campaign, cutoff=cutoff)
    return {int(k): v for k, v in found.counts.items()}


def counts(campaign, *, now=None):
    """{candidate id: {"valid": n, "quarantined": n}} for every votable candidate; None values while hidden."""
    rules = rules_for(campaign)
    ids = list(votable_candidates(campaign).values_list("pk", flat=True))
    if rules.counts_display == CountsDisplay.LIVE:
        found = _aggregate(campaign)
    elif rules.counts_display == CountsDisplay.SNAPSHOT:
        found = _snapshot(campaign, rules, now)
    else:
        found = None
    if found is None:
        return {pk: {"valid": None, "quarantined": None} for pk in ids}
    return {pk: found.get(pk, {"valid": 0, "quarantined": 0}) for pk in ids}


def valid_counts(campaign):
    """{candidate id: valid votes} for every votable candidate, whatever the public display: for staff and experts."""
    found = _aggregate(campaign)
    ids = votable_candidates(campaign).values_list("pk", flat=True)
    return {pk: found.get(pk, {"valid": 0})["valid"] for pk in ids}


def totals(campaign):
    """Campaign-wide valid, quarantined and invalid totals (published with the rules on the campaign page)."""
    found = dict(Vote.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("id")))
    return {status: found.get(status, 0) for status in VoteStatus.values}

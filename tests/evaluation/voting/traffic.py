"""Generated voting traffic with ground truth: normal voters mixed with brushing attacks.

Every vote goes through the real path (`voting.issue_voter`, `voting.cast`) on a
clock the generator moves (django.utils.timezone.now is patched while it runs),
so the hashes the detectors read are the ones the cast path stores and the
campaign's limits and throttles apply. SMS codes are taken as verified (the SMS
gateway is not under test here). Refused votes are counted and never labelled.

Normal traffic is meant to be awkward, not easy: a third of the voters share a
mobile carrier's NAT pool (a few addresses in a few /24s), a fifth send no
device fingerprint and share popular phone browsers, voters click at human,
irregular intervals, and some also vote in other campaigns.
"""

import dataclasses
import datetime
import ipaddress
import random
from collections import Counter
from unittest import mock

from django.test import RequestFactory
from django.utils import timezone

from evaluation.services import ledger, sms, voting
from evaluation.services.voting import VoteRefused

USER_AGENTS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 MicroMessenger/8.0.50",
    "Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 Chrome/126.0 Mobile MicroMessenger/8.0.49",
    "Mozilla/5.0 (Linux; Android 13; 22081212C) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; HUAWEI ALN-AL10) AppleWebKit/537.36 Chrome/99.0 Mobile MicroMessenger/8.0.47",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/128.0 Safari/537.36",
]
LANGUAGES = ["zh-CN,zh;q=0.9", "zh-CN", "zh-CN,zh;q=0.9,en;q=0.8"]
PHONE_PREFIXES = ["138", "139", "135", "150", "159", "186", "177", "188", "133", "199"]

PATTERNS = ("burst", "address", "subnet", "device", "phone_sequence", "regular_timing", "cross_campaign")


@dataclasses.dataclass
class VoterPlan:
    label: str  # "normal" or an attack pattern
    address: str
    user_agent: str
    language: str
    fingerprint: str
    phone: str
    votes: list  # [(time, candidate)]
    other_campaigns: list = dataclasses.field(default_factory=list)  # [(time, campaign, candidate)]


@dataclasses.dataclass
class Traffic:
    campaign: object
    labels: dict  # vote id -> "normal" or the attack pattern
    refused: Counter

    def attack_ids(self, pattern=None):
        return {i for i, label in self.labels.items() if label != "normal" and pattern in (None, label)}

    def normal_ids(self):
        return {i for i, label in self.labels.items() if label == "normal"}

    def score(self, held_ids):
        """(precision, recall) of `held_ids` against the ground truth."""
        attacks = self.attack_ids()
        found = held_ids & set(self.labels)
        precision = len(found & attacks) / len(found) if found else 1.0
        recall = len(found & attacks) / len(attacks) if attacks else 1.0
        return precision, recall


class Clock:
    def __init__(self, start):
        self.now = start

    def patch(self):
        return mock.patch("django.utils.timezone.now", new=lambda: self.now)


class Generator:
    def __init__(self, campaign, candidates, *, seed=2026, start=None, others=()):
        self.campaign, self.candidates, self.others = campaign, candidates, list(others)
        self.rng = random.Random(seed)  # noqa: S311 - test data
        today = timezone.localdate()
        self.start = start or timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
        self.weights = [self.rng.randint(1, 6) for _ in candidates]
        self.plans = []
        self._carrier = self._carrier_pool()
        self._phones = set()

    # ---- building blocks ----

    def _public_address(self):
        while True:
            ip = ipaddress.IPv4Address(self.rng.randint(0x01000000, 0xDF000000))
            if ip.is_global:
                return str(ip)

    def _carrier_pool(self):
        """A carrier NAT: 40 public addresses in five /24s, shared by many phones."""
        nets = [self._public_address().rsplit(".", 1)[0] for _ in range(5)]
        return [f"{self.rng.choice(nets)}.{self.rng.randint(1, 254)}" for _ in range(40)]

    def _phone(self):
        while True:
            phone = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def _fingerprint(self):
        return f"{self.rng.getrandbits(64):016x}"

    def _human_times(self, at, n):
        times = [at]
        for _ in range(n - 1):
            times.append(times[-1] + datetime.timedelta(seconds=self.rng.lognormvariate(1.8, 0.7) + 1))
        return times

    def _pick(self, k):
        return list({c.pk: c for c in self.rng.choices(self.candidates, weights=self.weights, k=k)}.values())

    def _plan(self, label, at, candidates, **kw):
        plan = VoterPlan(
            label=label,
            address=kw.get("address") or self._public_address(),
            user_agent=kw.get("user_agent") or self.rng.choice(USER_AGENTS),
            language=kw.get("language") or self.rng.choice(LANGUAGES),
            fingerprint=kw.get("fingerprint", self._fingerprint()),
            phone=kw.get("phone") or self._phone(),
            votes=list(zip(kw.get("times") or self._human_times(at, len(candidates)), candidates, strict=True)),
        )
        self.plans.append(plan)
        return plan

    def _at(self, hours_from, hours_to):
        return self.start + datetime.timedelta(seconds=self.rng.uniform(hours_from * 3600, hours_to * 3600))

    # ---- traffic ----

    def normal(self, voters=150, hours=8):
        for _ in range(voters):
            shared = self.rng.random() < 0.33
            fingerprint = self._fingerprint() if self.rng.random() < 0.8 else ""
            address = self.rng.choice(self._carrier) if shared else None
            plan = self._plan(
                "normal",
                self._at(0, hours),
                self._pick(self.rng.randint(1, 4)),
                address=address,
                fingerprint=fingerprint,
            )
            if self.others and self.rng.random() < 0.2:
                other = self.rng.choice(self.others)
                plan.other_campaigns.append((self._at(0, hours), other[0], other[1]))
        return self

    def attack(self, pattern, cover=0, **kw):
        """Add an attack; with `cover`, each attacking voter also votes for that many other candidates."""
        first = len(self.plans)
        getattr(self, f"_{pattern}")(**kw)
        for plan in self.plans[first:] if cover else ():
            voted = {c.pk for _, c in plan.votes}
            others = [c for c in self.candidates if c.pk not in voted]
            extra = self.rng.sample(others, min(cover, len(others)))
            times = self._human_times(plan.votes[-1][0], len(extra) + 1)[1:]
            plan.votes.extend(zip(times, extra, strict=True))
        return self

    def _target(self):
        return self.rng.choice(self.candidates)

    def _burst(self, voters=40, minutes=6, at_hours=3.0):
        target, start = self._target(), self.start + datetime.timedelta(hours=at_hours)
        for _ in range(voters):
            at = start + datetime.timedelta(seconds=self.rng.uniform(0, minutes * 60))
            self._plan("burst", at, [target])

    def _address(self, voters=25, hours=2.0, at_hours=1.0):
        target, address = self._target(), self._public_address()
        for _ in range(voters):
            self._plan("address", self._at(at_hours, at_hours + hours), [target], address=address)

    def _subnet(self, voters=40, hours=3.0, at_hours=2.0):
        target, net = self._target(), self._public_address().rsplit(".", 1)[0]
        for _ in range(voters):
            address = f"{net}.{self.rng.randint(1, 254)}"
            self._plan("subnet", self._at(at_hours, at_hours + hours), [target], address=address)

    def _device(self, voters=15, hours=2.0, at_hours=4.0):
        target, fingerprint = self._target(), self._fingerprint()
        ua, lang = USER_AGENTS[0], LANGUAGES[0]
        for _ in range(voters):
            at = self._at(at_hours, at_hours + hours)
            self._plan("device", at, [target], fingerprint=fingerprint, user_agent=ua, language=lang)

    def _phone_sequence(self, voters=12, hours=2.0, at_hours=5.0):
        target, first = self._target(), int("139" + f"{self.rng.randint(0, 999_999):06d}" + "10")
        for n in range(voters):
            self._plan("phone_sequence", self._at(at_hours, at_hours + hours), [target], phone=str(first + n))

    def _regular_timing(self, bots=3, votes=10, every=3.0, at_hours=6.0):
        for _ in range(bots):
            at = self._at(at_hours, at_hours + 1)
            times = [at + datetime.timedelta(seconds=i * every + self.rng.uniform(-0.1, 0.1)) for i in range(votes)]
            candidates = self.rng.sample(self.candidates, min(votes, len(self.candidates)))
            self._plan("regular_timing", at, candidates, times=times[: len(candidates)])

    def _cross_campaign(self, voters=10, hours=6.0):
        target = self._target()
        for _ in range(voters):
            plan = self._plan("cross_campaign", self._at(0.5, hours), [target])
            for campaign, candidate in self.others:
                plan.other_campaigns.append((self._at(0.5, hours), campaign, candidate))

    # ---- running ----

    def run(self):
        """Cast every planned vote in time order; returns the Traffic with the ground truth."""
        events = []
        for plan in self.plans:
            for at, candidate in plan.votes:
                events.append((at, plan, self.campaign, candidate))
            for at, campaign, candidate in plan.other_campaigns:
                events.append((at, plan, campaign, candidate))
        events.sort(key=lambda e: e[0])
        clock, voters, labels, refused = Clock(self.start), {}, {}, Counter()
        with clock.patch(), mock.patch.object(sms, "check_code", return_value=True):
            for at, plan, campaign, candidate in events:
                clock.now = at
                request = RequestFactory().post(
                    "/",
                    REMOTE_ADDR=plan.address,
                    HTTP_USER_AGENT=plan.user_agent,
                    HTTP_ACCEPT_LANGUAGE=plan.language,
                    **({"HTTP_X_DEVICE_FINGERPRINT": plan.fingerprint} if plan.fingerprint else {}),
                )
                try:
                    key = (id(plan), campaign.pk)
                    if key not in voters:
                        mode_data = {"phone": plan.phone, "code": "000000"}
                        voters[key] = voting.issue_voter(campaign, mode_data=mode_data, request=request)[0]
                    result = voting.cast(campaign, candidate.pk, voters[key], request=request)
                except VoteRefused as exc:
                    refused[exc.code] += 1
                    continue
                if campaign.pk == self.campaign.pk:
                    labels[result.vote.pk] = plan.label
        ledger.sequence_pending()  # what the scheduler beside the web server does every second
        return Traffic(self.campaign, labels, refused)

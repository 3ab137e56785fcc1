"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .campaigns import Campaign, CampaignStage
from .events import NominationEvent
from .jurisdictions import Jurisdiction, StaffProfile
from .ledger import LedgerCheckpoint, LedgerEntry, LedgerHead
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .quotas import DistrictQuota
from .reserve import ReserveEntry
from .submissions import OrganisationSubmission
from .votes import SmsCode, Vote, VoteCountSnapshot, Voter, VotingRules

__all__ = [
    "Campaign",
    "CampaignStage",
    "DepartmentOpinion",
    "DistrictQuota",
    "HeldTitle",
    "Jurisdiction",
    "LedgerCheckpoint",
    "LedgerEntry",
    "LedgerHead",
    "Nomination",
    "NominationEvent",
    "NominationPhoto",
    "Nominator",
    "OrganisationSubmission",
    "PrivateDataAccess",
    "ReserveEntry",
    "SmsCode",
    "StaffProfile",
    "Vote",
    "VoteCountSnapshot",
    "Voter",
    "VotingRules",
]

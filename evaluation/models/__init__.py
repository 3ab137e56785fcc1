"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .brushing import Detector, SuspicionStatus, VoteSuspicion
from .campaigns import Campaign, CampaignStage
from .comments import Comment, CommentStatus
from .events import NominationEvent
from .experts import Expert, ExpertDraw
from .inspections import Inspection, InspectionPhoto
from .jurisdictions import Jurisdiction, StaffProfile
from .ledger import LedgerCheckpoint, LedgerEntry, LedgerHead
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .reserve import ReserveEntry
from .scoring import ConflictDeclaration, Criterion, ExpertReviewSettings, ExpertScore, Rubric, ShortlistEntry
from .submissions import OrganisationSubmission
from .votes import SmsCode, Vote, VoteCountSnapshot, Voter, VotingRules

__all__ = [
    "Campaign",
    "CampaignStage",
    "Comment",
    "CommentStatus",
    "ConflictDeclaration",
    "Criterion",
    "DepartmentOpinion",
    "Expert",
    "ExpertDraw",
    "ExpertReviewSettings",
    "ExpertScore",
    "Detector",
    "HeldTitle",
    "Inspection",
    "InspectionPhoto",
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
    "Rubric",
    "ShortlistEntry",
    "StaffProfile",
    "SuspicionStatus",
    "Vote",
    "VoteCountSnapshot",
    "VoteSuspicion",
    "Voter",
    "VotingRules",
]

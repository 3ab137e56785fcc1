"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .approvals import Approval
from .brushing import Detector, SuspicionStatus, VoteSuspicion
from .campaigns import NOTICE_DAYS, Campaign, CampaignStage, PublicationMode
from .care import (
    CareCard,
    CareCardStatus,
    CareKind,
    CareRecord,
    CourtesyArea,
    NegativeGround,
    NegativeKind,
    NegativeRecord,
    ReportStatus,
    RevocationReport,
)
from .comments import Comment, CommentStatus
from .disqualifications import Disqualification
from .events import CampaignEvent, NominationEvent
from .experts import Expert, ExpertDraw
from .inspections import Inspection, InspectionPhoto
from .jurisdictions import Jurisdiction, StaffProfile
from .ledger import LedgerCheckpoint, LedgerEntry, LedgerHead
from .nominations import DepartmentOpinion, GroupMember, HeldTitle, Nomination, NominationPhoto, Nominator
from .notices import Objection, ObjectionEvidence
from .quotas import DistrictQuota
from .records import (
    Certificate,
    DecisionKind,
    DecisionOutcome,
    Honour,
    HonourStatus,
    Promotion,
    PromotionDecision,
    PromotionStatus,
)
from .reserve import ReserveEntry
from .scoring import ConflictDeclaration, Criterion, ExpertReviewSettings, ExpertScore, Rubric, ShortlistEntry
from .submissions import OrganisationSubmission
from .votes import SmsCode, Vote, VoteCountSnapshot, Voter, VotingRules

__all__ = [
    "NOTICE_DAYS",
    "Approval",
    "Campaign",
    "CampaignEvent",
    "CampaignStage",
    "Comment",
    "CommentStatus",
    "CareCard",
    "CareCardStatus",
    "CareKind",
    "CourtesyArea",
    "CareRecord",
    "Certificate",
    "ConflictDeclaration",
    "Criterion",
    "DecisionKind",
    "DecisionOutcome",
    "DepartmentOpinion",
    "Expert",
    "ExpertDraw",
    "ExpertReviewSettings",
    "ExpertScore",
    "Detector",
    "Disqualification",
    "DistrictQuota",
    "GroupMember",
    "HeldTitle",
    "Honour",
    "HonourStatus",
    "Inspection",
    "InspectionPhoto",
    "Jurisdiction",
    "LedgerCheckpoint",
    "LedgerEntry",
    "LedgerHead",
    "NegativeGround",
    "NegativeKind",
    "NegativeRecord",
    "Nomination",
    "NominationEvent",
    "NominationPhoto",
    "Nominator",
    "Objection",
    "ObjectionEvidence",
    "OrganisationSubmission",
    "PrivateDataAccess",
    "Promotion",
    "PromotionDecision",
    "PromotionStatus",
    "PublicationMode",
    "ReportStatus",
    "ReserveEntry",
    "RevocationReport",
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

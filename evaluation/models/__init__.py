"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .approvals import Approval
from .campaigns import NOTICE_DAYS, Campaign, CampaignStage, PublicationMode
from .care import CareKind, CareRecord, NegativeKind, NegativeRecord
from .events import CampaignEvent, NominationEvent
from .experts import Expert, ExpertDraw
from .inspections import Inspection, InspectionPhoto
from .jurisdictions import Jurisdiction, StaffProfile
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .notices import Objection, ObjectionEvidence
from .records import Certificate, Honour, HonourStatus, Promotion, PromotionStatus
from .reserve import ReserveEntry
from .scoring import ConflictDeclaration, Criterion, ExpertReviewSettings, ExpertScore, Rubric, ShortlistEntry
from .submissions import OrganisationSubmission

__all__ = [
    "NOTICE_DAYS",
    "Approval",
    "Campaign",
    "CampaignEvent",
    "CampaignStage",
    "CareKind",
    "CareRecord",
    "Certificate",
    "ConflictDeclaration",
    "Criterion",
    "DepartmentOpinion",
    "Expert",
    "ExpertDraw",
    "ExpertReviewSettings",
    "ExpertScore",
    "HeldTitle",
    "Honour",
    "HonourStatus",
    "Inspection",
    "InspectionPhoto",
    "Jurisdiction",
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
    "PromotionStatus",
    "PublicationMode",
    "ReserveEntry",
    "Rubric",
    "ShortlistEntry",
    "StaffProfile",
]

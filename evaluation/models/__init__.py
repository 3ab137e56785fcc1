"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .campaigns import Campaign, CampaignStage
from .events import NominationEvent
from .experts import Expert, ExpertDraw
from .inspections import Inspection, InspectionPhoto
from .jurisdictions import Jurisdiction, StaffProfile
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .reserve import ReserveEntry
from .scoring import ConflictDeclaration, Criterion, ExpertReviewSettings, ExpertScore, Rubric, ShortlistEntry
from .submissions import OrganisationSubmission

__all__ = [
    "Campaign",
    "CampaignStage",
    "ConflictDeclaration",
    "Criterion",
    "DepartmentOpinion",
    "Expert",
    "ExpertDraw",
    "ExpertReviewSettings",
    "ExpertScore",
    "HeldTitle",
    "Inspection",
    "InspectionPhoto",
    "Jurisdiction",
    "Nomination",
    "NominationEvent",
    "NominationPhoto",
    "Nominator",
    "OrganisationSubmission",
    "PrivateDataAccess",
    "ReserveEntry",
    "Rubric",
    "ShortlistEntry",
    "StaffProfile",
]

"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .campaigns import Campaign, CampaignStage
from .events import NominationEvent
from .jurisdictions import Jurisdiction, StaffProfile
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .pages import CampaignPage
from .reserve import ReserveEntry
from .submissions import OrganisationSubmission

__all__ = [
    "Campaign",
    "CampaignPage",
    "CampaignStage",
    "DepartmentOpinion",
    "HeldTitle",
    "Jurisdiction",
    "Nomination",
    "NominationEvent",
    "NominationPhoto",
    "Nominator",
    "OrganisationSubmission",
    "ReserveEntry",
    "StaffProfile",
]

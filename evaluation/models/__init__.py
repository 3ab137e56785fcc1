"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .campaigns import Campaign, CampaignStage
from .events import NominationEvent
from .jurisdictions import Jurisdiction, StaffProfile
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .reserve import ReserveEntry
from .scoring import ShortlistEntry
from .submissions import OrganisationSubmission

__all__ = [
    "Campaign",
    "CampaignStage",
    "DepartmentOpinion",
    "HeldTitle",
    "Jurisdiction",
    "Nomination",
    "NominationEvent",
    "NominationPhoto",
    "Nominator",
    "OrganisationSubmission",
    "PrivateDataAccess",
    "ReserveEntry",
    "ShortlistEntry",
    "StaffProfile",
]

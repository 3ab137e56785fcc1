"""Evaluation data. Imports `portal` (districts, vocabularies); portal never imports this."""

from .access import PrivateDataAccess
from .campaigns import Campaign, CampaignStage
from .captchas import CaptchaChallenge
from .comments import Comment, CommentStatus, SensitiveWord, WordLevel
from .events import NominationEvent
from .jurisdictions import Jurisdiction, StaffProfile
from .nominations import DepartmentOpinion, HeldTitle, Nomination, NominationPhoto, Nominator
from .reserve import ReserveEntry
from .submissions import OrganisationSubmission

__all__ = [
    "Campaign",
    "CampaignStage",
    "CaptchaChallenge",
    "Comment",
    "CommentStatus",
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
    "SensitiveWord",
    "StaffProfile",
    "WordLevel",
]

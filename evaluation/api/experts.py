"""The public record of expert draws, so anyone can check a panel against the published seed.

Experts appear by id and affiliation type only; no names, units or ties.
"""

from ninja import Router, Schema, Status

from evaluation.models import Campaign

from .schemas import ErrorOut

router = Router(tags=["专家抽取（公开）"])


class ExclusionOut(Schema):
    expert: int
    reason: str


class DrawOut(Schema):
    round: int
    seed_hash: str
    seed: str | None
    pool: list[int]
    types: dict[str, str]
    max_per_type: int
    excluded: list[ExclusionOut]
    size: int
    panel: list[int]
    published_at: str
    drawn_at: str | None


def draw_out(draw):
    return {
        "round": draw.round,
        "seed_hash": draw.seed_hash,
        "seed": draw.seed or None,
        "pool": draw.pool,
        "types": {str(k): v for k, v in draw.types.items()},
        "max_per_type": draw.max_per_type,
        "excluded": [{"expert": e["expert"], "reason": e["reason"]} for e in draw.excluded],
        "size": draw.size,
        "panel": draw.panel if draw.is_drawn else [],
        "published_at": draw.created_at.isoformat(),
        "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
    }


@router.get(
    "/campaigns/{campaign_id}/draws",
    response={200: list[DrawOut], 404: ErrorOut},
    summary="专家抽取记录：先公布种子哈希，抽取后公布种子与结果",
)
def campaign_draws(request, campaign_id: int):
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return Status(404, {"message": "评选活动不存在。"})
    return Status(200, [draw_out(d) for d in campaign.expert_draws.order_by("round")])

"""The public candidate listing: filters, search, pagination, photos and counts for the cards.

Only what an editor approved for publication reaches these objects: published photo
copies (never the uploads), the district's name, and the valid vote count.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404

from evaluation.choices import Category
from evaluation.models import Jurisdiction, Nomination, NominationPhoto


def candidate_listing(campaign, params, per_page=12):
    """One page of the campaign's candidates, filtered by category, district and a search term."""
    candidates = Nomination.objects.candidates(campaign).select_related("jurisdiction")
    districts = level_two_jurisdictions(candidates)
    category, district, query = params.get("category", ""), params.get("district", ""), params.get("q", "").strip()[:50]
    if category:
        candidates = candidates.filter(category=category)
    chosen = next((d for d in districts if str(d.pk) == district), None)
    if chosen is not None:
        candidates = candidates.filter(**chosen.subtree_filter())
    if query:
        candidates = candidates.filter(Q(nominee_name__icontains=query) | Q(story__icontains=query))
    page_obj = Paginator(candidates.order_by("category", "nominee_name", "pk"), per_page).get_page(params.get("page"))
    attach_public_details(page_obj.object_list, districts)
    return {
        "page_obj": page_obj,
        "candidates": page_obj.object_list,
        "categories": Category.choices,
        "districts": districts,
        "chosen_category": category,
        "chosen_district": str(chosen.pk) if chosen else "",
        "search_query": query,
        "is_filtered": bool(category or chosen or query),
    }


def level_two_jurisdictions(candidates):
    """The district-level jurisdictions (县区、党工委、驻市单位) that the candidates belong to."""
    steplen = Jurisdiction.steplen
    paths = {p[: 2 * steplen] for p in candidates.values_list("jurisdiction__path", flat=True)}
    return list(Jurisdiction.objects.filter(path__in=paths).order_by("path"))


def attach_public_details(candidates, districts=None):
    """Give each candidate its published photos and its district's name (never the private uploads)."""
    candidates = list(candidates)
    if districts is None:
        districts = level_two_jurisdictions(Nomination.objects.filter(pk__in=[c.pk for c in candidates]))
    names = {d.path: d.name for d in districts}
    photos = {}
    for photo in (
        NominationPhoto.objects.filter(nomination__in=candidates, public_image__isnull=False)
        .select_related("public_image")
        .order_by("pk")
    ):
        photos.setdefault(photo.nomination_id, []).append(photo)
    for c in candidates:
        c.public_photos = photos.get(c.pk, [])
        c.district_name = names.get(c.jurisdiction.path[: 2 * Jurisdiction.steplen], c.jurisdiction.name)


def attach_counts(candidates, counts):
    """Each candidate's valid votes as `vote_count` (None while the campaign hides counts)."""
    for c in candidates:
        c.vote_count = counts.get(c.pk, 0)


def candidate_or_404(campaign, pk):
    """One valid candidate of `campaign`, with its district, or 404."""
    return get_object_or_404(Nomination.objects.candidates(campaign).select_related("jurisdiction"), pk=pk)

"""Query helpers that keep listing pages at a constant number of SQL queries, and their rows small.

A listing loads only what its cards show (`card_fields` on each listed page
model, plus what a title and `{% pageurl %}` need): page rows have forty to
sixty columns, and building them all was a large part of a listing's render.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, Q
from wagtail.images import get_image_model

LIST_IMAGE_FILTERS = ("fill-480x300", "fill-960x600")
# A page's title and its URL ({% pageurl %} reads url_path; the tree fields come with it).
LINK_FIELDS = ("title", "depth", "path", "url_path")


def for_links(queryset, *fields):
    """`queryset` loading only a title, what {% pageurl %} needs, and `fields`."""
    return queryset.only(*LINK_FIELDS, *fields)


def for_cards(queryset):
    """`queryset` loading only what its model's card shows (the model's `card_fields`)."""
    return for_links(queryset, *queryset.model.card_fields)


def specific_cards(pages):
    """The specific pages behind `pages` (same order), each loaded with its card's fields: a query per page type."""
    pages = list(pages)
    ids_by_model = {}
    for page in pages:
        ids_by_model.setdefault(page.specific_class, []).append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        found.update(for_cards(model.objects.filter(pk__in=ids)).in_bulk())
    return [found[page.pk] for page in pages if page.pk in found]


def paginate(request, queryset, per_page):
    """Return the requested page of `queryset`; bad page numbers fall back sensibly."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def attach_images(objects, field="cover_image", filters=LIST_IMAGE_FILTERS):
    """Load the images behind `field` for all `objects` with their renditions in two queries."""
    objects = list(objects)
    attach_images_together([(objects, field, filters)])
    return objects


def attach_images_together(groups):
    """`attach_images` for several lists at once, `groups` being (objects, field, filters): still two queries.

    A page that shows several lists with pictures (the home page) loads all
    their images together, each list's with the renditions of its own filters.
    """
    groups = [(list(objects), field, filters) for objects, field, filters in groups]
    wanted = Q()
    ids = set()
    for objects, field, filters in groups:
        group_ids = {getattr(obj, f"{field}_id", None) for obj in objects} - {None}
        if group_ids:
            ids |= group_ids
            wanted |= Q(image_id__in=group_ids, filter_spec__in=filters)
    if not ids:
        return groups
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(wanted)
    images = image_model.objects.filter(id__in=ids).prefetch_related(Prefetch("renditions", queryset=renditions))
    by_id = {image.id: image for image in images}
    for objects, field, _ in groups:
        for obj in objects:
            image_id = getattr(obj, f"{field}_id", None)
            if image_id in by_id:
                setattr(obj, field, by_id[image_id])
    return groups

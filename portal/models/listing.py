"""Query helpers that keep listing pages at a constant number of SQL queries."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from wagtail.images import get_image_model

LIST_IMAGE_FILTERS = ("fill-480x300", "fill-960x600")


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
    attname = f"{field}_id"
    ids = {getattr(obj, attname, None) for obj in objects} - {None}
    if not ids:
        return objects
    images = get_image_model().objects.filter(id__in=ids).prefetch_renditions(*filters)
    by_id = {image.id: image for image in images}
    for obj in objects:
        image_id = getattr(obj, attname, None)
        if image_id in by_id:
            setattr(obj, field, by_id[image_id])
    return objects

"""Query helpers that keep listing pages at a constant number of SQL queries, and their rows small.

A listing loads only what its cards show (`card_fields` on each listed page
model, plus what a title and `{% pageurl %}` need): page rows have forty to
sixty columns, and building them all was a large part of a listing's render.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, F, TextField, When
from django.utils.functional import cached_property
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from .prepared import prepared_count, prepared_rows

# A list picture's renditions: the spec the cards write (portal/cards.py), its filters the listings load.
LIST_IMAGE_SPEC = "fill-{480x300,960x600}"
LIST_IMAGE_FILTERS = tuple(Filter.expand_spec(LIST_IMAGE_SPEC))
# A page's title and its URL ({% pageurl %} reads url_path; the tree fields come with it).
LINK_FIELDS = ("title", "depth", "path", "url_path")


def for_links(queryset, *fields):
    """`queryset` loading only a title, what {% pageurl %} needs, and `fields`."""
    return queryset.only(*LINK_FIELDS, *fields)


def for_cards(queryset):
    """`queryset` loading only what its model's card shows (the model's `card_fields`), its picture joined in.

    A field in the model's `card_fallbacks` ({field: unless}) comes only for rows
    whose `unless` field is empty, as `card_<field>`: its stored text, unconverted
    (None for the other rows), for the model to read when it needs it (mixins.LeadSummaryMixin).
    """
    model = queryset.model
    pictures = [name for name in model.card_fields if _is_image_field(model, name)]
    queryset = for_links(queryset.select_related(*pictures), *model.card_fields)
    for name, unless in getattr(model, "card_fallbacks", {}).items():
        only_if_empty = Case(When(**{unless: ""}, then=F(name)), default=None, output_field=TextField())
        queryset = queryset.annotate(**{f"card_{name}": only_if_empty})
    return queryset


def _is_image_field(model, name):
    if "__" in name:
        return False
    field = model._meta.get_field(name)
    return field.is_relation and field.related_model is get_image_model()


def specific_cards(pages):
    """The specific pages behind `pages` (same order), each loaded with its card's fields: a query per page type."""
    pages = list(pages)
    ids_by_model = {}
    for page in pages:
        ids_by_model.setdefault(page.specific_class, []).append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        cards = lambda model=model, ids=ids: for_cards(model.objects.filter(pk__in=ids))  # noqa: E731
        found.update((card.pk, card) for card in prepared_rows(("cards", model, *ids), cards))
    return [found[page.pk] for page in pages if page.pk in found]


class PreparedPaginator(Paginator):
    """A paginator whose pages are `prepared_rows`, under `key` (what the queryset depends on) and the page's bounds."""

    def __init__(self, object_list, per_page, key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def count(self):
        return prepared_count(self.key, lambda: self.object_list)

    def _get_page(self, object_list, number, paginator):
        bounds = (object_list.query.low_mark, object_list.query.high_mark)
        return super()._get_page(prepared_rows((*self.key, *bounds), lambda: object_list), number, paginator)


def paginate(request, queryset, per_page, key=None):
    """Return the requested page of `queryset`; bad page numbers fall back sensibly.

    With a `key` (all that the queryset depends on), the page's rows are `prepared_rows`.
    """
    paginator = Paginator(queryset, per_page) if key is None else PreparedPaginator(queryset, per_page, key)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def attach_images(objects, field="cover_image", filters=LIST_IMAGE_FILTERS):
    """Load the images behind `field` for all `objects` with their renditions: one query, two if not joined in."""
    objects = list(objects)
    attach_images_together([(objects, field, filters)])
    return objects


def attach_images_together(groups):
    """`attach_images` for several lists at once, `groups` being (objects, field, filters).

    Pictures a listing joined in (`for_cards`) are used as loaded; the others
    come in one query. Then one query loads the renditions of each list's own
    filters, handed to each image as `prefetched_renditions`, which Wagtail's
    image tags (and portal/images.py) look in before the cache or the database.
    """
    groups = [(list(objects), field, filters) for objects, field, filters in groups]
    images, missing, wanted = {}, set(), {}  # wanted: image id -> the filter specs its lists show
    for objects, field, filters in groups:
        for obj in objects:
            image_id = getattr(obj, f"{field}_id", None)
            if image_id is None:
                continue
            wanted.setdefault(image_id, set()).update(filters)
            if obj._meta.get_field(field).is_cached(obj):
                images.setdefault(image_id, getattr(obj, field))
            else:
                missing.add(image_id)
    if not wanted:
        return groups
    image_model = get_image_model()
    if missing := missing - images.keys():
        images.update(image_model.objects.in_bulk(missing))
    renditions = {image_id: [] for image_id in images}
    # One plain filter (an image of one list may come with another list's specs too: dropped here).
    ids, specs = sorted(wanted), sorted(set().union(*wanted.values()))
    renditions_of = lambda: image_model.get_rendition_model().objects.filter(image_id__in=ids, filter_spec__in=specs)  # noqa: E731
    for rendition in prepared_rows(("renditions", *ids, "specs", *specs), renditions_of):
        image = images.get(rendition.image_id)  # an image deleted since the listing was read has none
        if image is not None and rendition.filter_spec in wanted[rendition.image_id]:
            rendition.image = image
            renditions[rendition.image_id].append(rendition)
    for image_id, image in images.items():
        image.prefetched_renditions = renditions[image_id]
    for objects, field, _ in groups:
        for obj in objects:
            image_id = getattr(obj, f"{field}_id", None)
            if image_id in images:
                setattr(obj, field, images[image_id])
    return groups

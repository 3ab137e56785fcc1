"""Named QuerySet methods for listings, and loading the renditions of their pictures together.

A listing reads only what its cards show (`card_fields` on each listed page
model) and runs the same number of queries whatever the number of items: one
per list of pages, and one for the renditions of all the pictures a page shows.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, F, Prefetch, TextField, When, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.models import PageManager, PageQuerySet

# The renditions each picture of a card shows: the specs its template writes
# (templates/includes/cards/), expanded as Wagtail expands "fill-{480x300,960x600}".
LIST_IMAGE_SPECS = ("fill-480x300", "fill-960x600")
PHOTO_SPECS = ("fill-300x400", "fill-600x800")
CAROUSEL_SPECS = ("fill-1200x560", "fill-800x450")
# A page's title and what {% pageurl %} reads.
LINK_FIELDS = ("title", "depth", "path", "url_path")


class ListingQuerySet(PageQuerySet):
    def for_links(self, *fields):
        """Only a title, what {% pageurl %} needs, and `fields`."""
        return self.only(*LINK_FIELDS, *fields)

    def for_cards(self):
        """Only what the model's card shows (its `card_fields`), with its picture and related rows joined in.

        A field in the model's `card_fallbacks` ({field: unless}) comes only for
        rows whose `unless` field is empty, as `card_<field>` (mixins.LeadSummaryMixin).
        """
        model = self.model
        joined = [name for name in model.card_fields if _is_image_field(model, name)]
        joined += sorted({name.split("__")[0] for name in model.card_fields if "__" in name})
        queryset = self.for_links(*model.card_fields).select_related(*joined)
        for name, unless in getattr(model, "card_fallbacks", {}).items():
            only_if_empty = Case(When(**{unless: ""}, then=F(name)), default=None, output_field=TextField())
            queryset = queryset.annotate(**{f"card_{name}": only_if_empty})
        return queryset


ListingPageManager = PageManager.from_queryset(ListingQuerySet)


def _is_image_field(model, name):
    if "__" in name:
        return False
    field = model._meta.get_field(name)
    return field.is_relation and field.related_model is get_image_model()


def cards_of(pages):
    """The specific pages behind `pages` (same order), each read with `for_cards()`: a query per page type."""
    pages = list(pages)
    ids_by_model = {}
    for page in pages:
        ids_by_model.setdefault(page.specific_class, []).append(page.pk)
    found = {}
    for model, ids in ids_by_model.items():
        found.update((card.pk, card) for card in model.objects.filter(pk__in=ids).for_cards())
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


def prefetch_renditions(*groups):
    """Load the renditions of several lists' pictures in one query; `groups` are (pages, image field, specs).

    The pictures were joined in (`for_cards()`); this is Wagtail's
    `ImageQuerySet.prefetch_renditions()` across lists, so `{% image %}` and
    `{% srcset_image %}` find their renditions without a query each.
    Returns the lists of pages, in order.
    """
    groups = [(list(pages), field, specs) for pages, field, specs in groups]
    images = [image for pages, field, _ in groups for page in pages if (image := getattr(page, field, None))]
    specs = sorted({spec for _, _, specs in groups for spec in specs})
    if images:
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
    return [pages for pages, _, _ in groups]

"""Renditions for listing pictures, looked up without the per-call costs of Wagtail's image tags.

Wagtail's `{% srcset_image %}` and `{% image %}` build new `Filter` objects on
every call (re-parsing the spec and re-inspecting each operation's signature),
and `Image.get_renditions()` writes the renditions it found in the prefetched
list back to the renditions cache each time. On a listing of 24 photos that was
about half of the render. Here a spec's filters are built once per process,
and renditions that the listing loaded (`listing.attach_images`) are used as
they are; anything not loaded goes through Wagtail (cache, database, or a new
rendition), exactly as the tags would. The <img> is the one Wagtail writes
(attributes sorted, booleans bare), without a format_html() per attribute.
"""

import functools
import html

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter


@functools.cache
def filters(spec):
    """The Filter objects of `spec` ("fill-{480x300,960x600}" expands to two), built once."""
    return tuple(Filter(spec=expanded) for expanded in Filter.expand_spec(spec))


def renditions(image, spec):
    """{filter spec: rendition} for every filter of `spec`, in order."""
    wanted = filters(spec)
    if not image.is_svg():  # SVGs get their filters rewritten by Wagtail: leave them to it
        found = image.find_existing_renditions(*wanted)
        if len(found) == len(wanted):
            return {f.spec: found[f] for f in wanted}
    return image.get_renditions(*wanted)


def rendition(image, spec):
    """The one rendition of a single-filter `spec`."""
    return next(iter(renditions(image, spec).values()))


@functools.lru_cache(maxsize=4096)
def _file_url(storage, name):
    return storage.url(name)


def url(rendition):
    """`rendition.url`, remembered per file name where the storage's URLs are plain paths (files on disk).

    A rendition's file name never changes (it carries the filter and a hash);
    a storage that signs its URLs (S3 and the like) is asked each time.
    """
    storage = rendition.file.storage
    if isinstance(storage, FileSystemStorage):
        return _file_url(storage, rendition.file.name)
    return rendition.url


def escape(value):
    """django.utils.html.conditional_escape without its check for lazy strings on every call.

    Listings call it hundreds of times per page; a lazy label is turned into text here all the same.
    """
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attribute(name, value):
    return f" {name}" if value is True else f' {name}="{escape(value)}"'


def img_tag(attrs):
    """`<img …>` as Wagtail's Rendition.img_tag() writes it: valued attributes sorted, then bare ones."""
    valued = sorted((k, v) for k, v in attrs.items() if v is not None and not isinstance(v, bool))
    bare = sorted((k, v) for k, v in attrs.items() if v is True)
    return mark_safe("<img" + "".join(_attribute(k, v) for k, v in valued + bare) + ">")  # noqa: S308 - escaped above


def responsive_img(image, spec, attrs):
    """An <img> with width descriptors in `srcset` (the first rendition is the fallback `src`)."""
    found = list(renditions(image, spec).values())
    urls = [url(r) for r in found]
    first = found[0]
    tag = {"src": urls[0], "width": first.width, "height": first.height, "alt": first.alt}
    tag.update(apps.get_app_config("wagtailimages").default_attrs)
    tag.update(attrs)
    if len(found) > 1:
        tag["srcset"] = ", ".join(f"{url} {r.width}w" for url, r in zip(urls, found, strict=True))
    return img_tag(tag)

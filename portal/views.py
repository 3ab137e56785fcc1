import posixpath

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.static import serve


@never_cache
def healthz(request):
    """Liveness probe; also the minimal Django view that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico; the site's icon is an SVG under static/."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def public_media(request, path):
    """A file under MEDIA_ROOT, only in the PUBLIC_MEDIA_DIRS folders (never documents/)."""
    # Normalise first so that "images/../documents/x.pdf" cannot slip past the folder check.
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.split("/", 1)[0] not in settings.PUBLIC_MEDIA_DIRS or normalised.count("/") < 1:
        raise Http404("文件不存在。")
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)

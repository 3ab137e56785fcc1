from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness probe; also the minimal Django view that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico; the site's icon is an SVG under static/."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness probe; also the minimal Django view that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from evaluation.models import Certificate
from evaluation.public import captcha


@never_cache
def captcha_image(request, token):
    png = captcha.render_png(token)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")


def certificate_verify(request, number):
    """Public check of a certificate (the target of its QR code): valid, or revoked and when."""
    certificate = Certificate.objects.filter(number=number.strip().upper()).first()
    if certificate is None:
        return render(request, "evaluation/certificate_unknown.html", {"number": number}, status=404)
    return render(request, "evaluation/certificate_verify.html", {"certificate": certificate})

from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from evaluation.public import captcha


@never_cache
def captcha_image(request, token):
    png = captcha.render_png(token)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")

"""What the campaign page's views share: rendering with the page's context, private responses, refusals."""

from django.http import HttpResponseForbidden, JsonResponse

CROSS_SITE_MESSAGE = "请从本站页面提交。"


def render(request, page, template, **extra):
    """`template` with the campaign page's context and `extra`."""
    return page.render(request, template=template, context_overrides=extra)


def private(response):
    """Mark a response that holds one visitor's data: never stored in a shared cache."""
    response["Cache-Control"] = "private, no-store"
    return response


def render_private(request, page, template, **extra):
    return private(render(request, page, template, **extra))


def forbidden(wants_json):
    """The refusal of a POST that did not come from one of our pages."""
    if wants_json:
        return JsonResponse({"ok": False, "code": "cross_site", "message": CROSS_SITE_MESSAGE}, status=403)
    return HttpResponseForbidden(CROSS_SITE_MESSAGE, content_type="text/plain; charset=utf-8")

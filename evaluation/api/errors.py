"""Every refusal the API makes, in its documented shape: {"message": ..., "errors": {...}}.

Ninja's own answers ({"detail": ...}) and Django's HTML 400 pages for broken
bodies (no multipart boundary, undecodable or oversized fields) are replaced here,
so clients handle one shape and never see a 500 for a malformed request.
"""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, ValidationError

INVALID = "请求参数有误，请检查后重试。"
UNREADABLE = "请求内容无法解析，请检查格式（multipart/form-data 或 JSON）后重试。"
TOO_LARGE = "提交的内容过大，请压缩或减少照片后重试。"
FIELD_MESSAGES = {
    "missing": "此项为必填项。",
    "int_parsing": "请输入整数。",
    "int_type": "请输入整数。",
    "bool_parsing": "请输入 true 或 false。",
    "string_type": "请输入文本。",
    "json_invalid": "JSON 格式不正确。",
}
STATUS_MESSAGES = {
    400: UNREADABLE,
    401: "请先登录。",
    403: "您没有权限执行此操作。",
    404: "未找到。",
    405: "不支持该请求方法。",
}


def _field(loc):
    # loc is ("form" | "query" | "body" | "path", [schema name,] field...)
    names = [str(part) for part in loc[1:] if part not in ("payload",)]
    return ".".join(names) or "__all__"


def error_response(api, request, status, message, errors=None):
    return api.create_response(request, {"message": message, "errors": errors or {}}, status=status)


def install_error_handlers(api):
    """Register the handlers on a NinjaAPI."""

    def on_validation_error(request, exc):
        errors = {}
        for error in exc.errors:
            message = FIELD_MESSAGES.get(error.get("type"), error.get("msg", INVALID))
            errors.setdefault(_field(error.get("loc", ())), []).append(message)
        return error_response(api, request, 400, INVALID, errors)

    def on_http_error(request, exc):
        if exc.status_code == 403 and "CSRF" in str(exc):
            return error_response(api, request, 403, "安全校验（CSRF）失败，请刷新页面后重试。")
        return error_response(api, request, exc.status_code, STATUS_MESSAGES.get(exc.status_code, str(exc)))

    def on_authentication_error(request, exc):
        return error_response(api, request, 401, STATUS_MESSAGES[401])

    def on_not_found(request, exc):
        return error_response(api, request, 404, STATUS_MESSAGES[404])

    def on_unreadable(request, exc):
        return error_response(api, request, 400, UNREADABLE)

    def on_too_large(request, exc):
        return error_response(api, request, 413, TOO_LARGE)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(MultiPartParserError, on_unreadable)
    api.add_exception_handler(UnreadablePostError, on_unreadable)
    api.add_exception_handler(UnicodeDecodeError, on_unreadable)
    # TooManyFieldsSent, TooManyFilesSent and similar body checks.
    api.add_exception_handler(SuspiciousOperation, on_unreadable)
    api.add_exception_handler(RequestDataTooBig, on_too_large)

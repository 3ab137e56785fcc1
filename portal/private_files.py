"""Serving files from the private storage to viewers a view has checked.

Subclasses of PrivateFileView say which objects a user may reach (`get_queryset`)
and which file field holds the upload.  Anyone signed out is sent to the admin
login; anyone signed in without access gets the same 404 as for a missing object,
so the response never tells whether a file exists.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View


def private_file_response(fieldfile, *, filename, attachment):
    """The file's bytes (or an X-Accel-Redirect for nginx) with headers that keep it out of caches."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX
    if prefix:
        # nginx serves the file from its `internal` location and keeps these headers.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(fieldfile.name)}"
    else:
        response = FileResponse(fieldfile.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


class PrivateFileView(View):
    """One private file of one object, for the viewers `get_queryset` lets through."""

    field_name = "file"
    attachment = False

    def get_queryset(self):
        raise NotImplementedError

    def get_filename(self, obj):
        raise NotImplementedError

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        fieldfile = getattr(obj, self.field_name)
        if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
            raise Http404("文件不存在。")
        return private_file_response(fieldfile, filename=self.get_filename(obj), attachment=self.attachment)

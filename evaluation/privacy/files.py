"""Staff-only downloads of nominee photos and sealed submission PDFs, scoped by jurisdiction.

A new kind of private upload (e.g. objection evidence) adds a PrivateFileView
subclass here, a URL in urls.py and a `*_for(user)` rule in rules.py.
"""

from django.urls import reverse

from evaluation import rules
from evaluation.models import InspectionPhoto, NominationPhoto
from portal.private_files import PrivateFileView


class NominationPhotoView(PrivateFileView):
    field_name = "file"
    attachment = False

    def get_queryset(self):
        return NominationPhoto.objects.filter(nomination__in=rules.nominations_for(self.request.user))

    def get_filename(self, photo):
        return f"照片-{photo.pk}.jpg"


class SubmissionDocumentView(PrivateFileView):
    field_name = "document"
    attachment = True

    def get_queryset(self):
        return rules.submissions_for(self.request.user).select_related("organisation")

    def get_filename(self, submission):
        return f"{submission.organisation.name}-正式推荐文件-{submission.created_at:%Y%m%d}.pdf"


class InspectionPhotoView(PrivateFileView):
    field_name = "file"
    attachment = False

    def get_queryset(self):
        return InspectionPhoto.objects.filter(inspection__in=rules.inspections_for(self.request.user))

    def get_filename(self, photo):
        return f"考察照片-{photo.pk}.jpg"


def photo_url(photo):
    return reverse("evaluation:photo", args=[photo.pk])


def submission_document_url(submission):
    return reverse("evaluation:submission_document", args=[submission.pk])


def inspection_photo_url(photo):
    return reverse("evaluation:inspection_photo", args=[photo.pk])

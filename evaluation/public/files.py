"""Staff-only downloads of nominee photos and sealed submission PDFs, scoped by jurisdiction.

A new kind of private upload (e.g. objection evidence) adds a PrivateFileView
subclass here, a URL in urls.py and a `*_for(user)` rule in rules.py.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from evaluation import rules
from evaluation.models import Certificate, InspectionPhoto, NegativeRecord, NominationPhoto, ObjectionEvidence
from evaluation.services import certificates
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


class ObjectionEvidenceView(PrivateFileView):
    field_name = "file"
    attachment = True

    def get_queryset(self):
        if not rules.can_handle_objections(self.request.user):
            return ObjectionEvidence.objects.none()
        return ObjectionEvidence.objects.select_related("objection")

    def get_filename(self, evidence):
        ext = evidence.file.name.rsplit(".", 1)[-1]
        return f"异议证据-{evidence.objection.number}-{evidence.pk}.{ext}"


class NegativeEvidenceView(PrivateFileView):
    field_name = "evidence"
    attachment = True

    def get_queryset(self):
        if not rules.can_manage_honours(self.request.user):
            return NegativeRecord.objects.none()
        return NegativeRecord.objects.all()

    def get_filename(self, record):
        ext = record.evidence.name.rsplit(".", 1)[-1]
        return f"负面清单证据-{record.pk}.{ext}"


def certificate_pdf(request, number):
    """The printable certificate, for staff who manage honours; a recalled one is not printed again."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not rules.can_manage_honours(request.user):
        raise Http404("未找到。")
    certificate = get_object_or_404(Certificate, number=number)
    if certificate.revoked_at:
        raise Http404("该证书已收回。")
    try:
        pdf = certificates.render_pdf(certificate)
    except certificates.CertificateFontError as exc:
        return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def objection_evidence_url(evidence):
    return reverse("evaluation:objection_evidence", args=[evidence.pk])


def negative_evidence_url(record):
    return reverse("evaluation:negative_evidence", args=[record.pk])


def certificate_pdf_url(certificate):
    return reverse("evaluation:certificate_pdf", args=[certificate.number])

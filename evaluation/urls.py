from django.urls import path

from .public import files as private_files
from .public import views

app_name = "evaluation"

urlpatterns = [
    path("captcha/<str:token>.png", views.captcha_image, name="captcha"),
    path("campaigns/<int:page_id>/<str:action>/<int:pk>/", views.campaign_action, name="campaign_action"),
    path("files/photos/<int:pk>/", private_files.NominationPhotoView.as_view(), name="photo"),
    path("files/inspections/<int:pk>/", private_files.InspectionPhotoView.as_view(), name="inspection_photo"),
    path(
        "files/submissions/<int:pk>/",
        private_files.SubmissionDocumentView.as_view(),
        name="submission_document",
    ),
    path("files/objections/<int:pk>/", private_files.ObjectionEvidenceView.as_view(), name="objection_evidence"),
    path("files/negative/<int:pk>/", private_files.NegativeEvidenceView.as_view(), name="negative_evidence"),
    path("files/certificates/<str:number>.pdf", private_files.certificate_pdf, name="certificate_pdf"),
    path("zhengshu/<str:number>/", views.certificate_verify, name="certificate"),
]

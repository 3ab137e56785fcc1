"""Mounted at /admin/security/, ahead of Wagtail's admin URLs."""

from django.urls import path

from . import views

urlpatterns = [
    path("two-factor/", views.verify, name="security_two_factor_verify"),
    path("two-factor/enrol/", views.enrol, name="security_two_factor_enrol"),
    path("lockouts/", views.lockouts, name="security_lockouts"),
    path("lockouts/<int:pk>/unlock/", views.unlock, name="security_unlock"),
]

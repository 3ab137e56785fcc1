from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("captcha/<str:token>.png", views.captcha_image, name="captcha"),
]

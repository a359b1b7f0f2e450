from django.urls import path

from security import views

app_name = "security"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("setup/email/", views.confirm_email, name="confirm_email"),
    path("verify/", views.verify, name="verify"),
]

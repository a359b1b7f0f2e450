from django.contrib import admin
from django.urls import path

from desk import views

app_name = "desk"

# Inside the admin's address space and its checks (staff, second factor, the styled 403).
urlpatterns = [
    path("editing/<int:pk>/heartbeat/", admin.site.admin_view(views.heartbeat), name="editing_heartbeat"),
    path("editing/<int:pk>/release/", admin.site.admin_view(views.release), name="editing_release"),
]

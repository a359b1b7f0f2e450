"""The live blog panel's actions, inside the admin's address space and its checks (staff,
second factor, the styled 403); liveblog.admin_views checks who may run a live blog."""

from django.urls import path

from liveblog import admin_views as views

app_name = "liveblog_admin"

urlpatterns = [
    path("<int:article_id>/", views.with_admin_context(views.panel), name="panel"),
    path("<int:article_id>/start/", views.with_admin_context(views.start), name="start"),
    path("<int:article_id>/end/", views.with_admin_context(views.end), name="end"),
    path("<int:article_id>/entries/add/", views.with_admin_context(views.add), name="add"),
    path("<int:article_id>/entries/<int:entry_id>/", views.with_admin_context(views.edit), name="edit"),
    path("<int:article_id>/entries/<int:entry_id>/pin/", views.with_admin_context(views.pin), name="pin"),
    path("<int:article_id>/entries/<int:entry_id>/delete/", views.with_admin_context(views.delete), name="delete"),
]

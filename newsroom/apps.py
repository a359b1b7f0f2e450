from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    name = "newsroom"


class NewsroomAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"

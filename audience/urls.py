from django.urls import path

from audience.views import read_beacon

app_name = "audience"

urlpatterns = [
    path("<int:article_id>", read_beacon, name="read"),
]

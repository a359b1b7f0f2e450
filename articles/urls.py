from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("section/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("author/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("<str:section>/<int:pk>-<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]

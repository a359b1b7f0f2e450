from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("section/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("author/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("<str:section>/<int:pk>-<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    # A link cut short after the id still finds the story (it redirects to the full address).
    path("<str:section>/<int:pk>/", views.ArticleDetailView.as_view(), name="detail_by_id"),
]

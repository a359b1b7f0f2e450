"""The lite edition: the reader site's own views under /<edition>/lite/, drawn by plain templates.

The views are the full site's, so ``Article.objects.published()``, the query pins and the page
cache hold here as there; only the template (and, for an article, where an outdated address
redirects to) differs.
"""

from django.urls import path

from articles import views
from search import views as search_views

app_name = "lite"

article = views.ArticleDetailView.as_view(template_name="lite/article.html", detail_url_name="lite:detail")

urlpatterns = [
    path("", views.HomeView.as_view(template_name="lite/home.html"), name="home"),
    path("section/<str:slug>/", views.SectionView.as_view(template_name="lite/section.html"), name="section"),
    path("search/", search_views.results, {"template_name": "lite/search.html"}, name="search"),
    path("<str:section>/<int:pk>-<str:slug>/", article, name="detail"),
    path("<str:section>/<int:pk>/", article, name="detail_by_id"),
]

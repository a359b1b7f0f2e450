from django.contrib import admin


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Editors' desk"

    def index(self, request, extra_context=None):
        """The front page is the editors' dashboard: what waits, what is coming, what went out."""
        from articles.models import Article, Status
        from articles.times import oslo_and_kabul

        articles = Article.objects.select_related("section").order_by()
        context = {
            "awaiting_review": articles.awaiting_review().order_by("updated_at")[:15],
            "scheduled": [
                (article, oslo_and_kabul(article.published_at))
                for article in articles.scheduled().order_by("published_at")[:15]
            ],
            "recently_published": [
                (article, oslo_and_kabul(article.published_at))
                for article in articles.published().order_by("-published_at")[:10]
            ],
            "my_drafts": articles.filter(status=Status.DRAFT, created_by=request.user).order_by("-updated_at")[:10],
            **(extra_context or {}),
        }
        return super().index(request, context)

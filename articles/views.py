from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.models import Article, Author, Section


def can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


class PublishedArticlesMixin:
    """Readers see ``published()``; staff who may view articles also see the rest (preview)."""

    paginate_by = 20

    def articles(self):
        return Article.objects.published().for_listing()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return self.articles()[:30]

    paginate_by = None


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return self.articles().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class AuthorView(PublishedArticlesMixin, ListView):
    template_name = "articles/author.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.articles().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.select_related("section")
        return articles if can_preview(self.request.user) else articles.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs["slug"] != self.object.slug or self.kwargs["section"] != self.object.section.slug:
            # Links shared before a headline fix keep working.
            return redirect(self.object.get_absolute_url(), permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response

    def get_object(self, queryset=None):
        try:
            return (queryset or self.get_queryset()).get(pk=self.kwargs["pk"])
        except Article.DoesNotExist:
            raise Http404("No such article") from None

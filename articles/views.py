"""The reader website: home, lists, the article page, corrections.

Every list starts from ``Article.objects.published()`` and fetches what its
template shows in a fixed number of queries, however many articles it lists.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import selectors
from articles.models import Article, ArticleAuthor, Author, Correction, Section
from articles.public import tag_is_public

LIST_PAGE_SIZE = 12
HOME_LATEST_COUNT = 6
HOME_SECTION_BLOCK_SIZE = 4
HOME_MOST_READ_COUNT = 5
RELATED_COUNT = 4


def can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def bylines():
    """Prefetch for ``article.ordered_authors``: the byline in order, one query."""
    return Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))


def listed(articles):
    """What a story card shows: section, byline and hero renditions, without a query per card."""
    return articles.select_related("section").prefetch_related(bylines(), "hero_renditions")


class PublishedArticlesMixin:
    """Readers' lists: only ``published()``, newest first, ``?page=N`` (a bad page is a 404)."""

    paginate_by = LIST_PAGE_SIZE
    context_object_name = "articles"

    def articles(self):
        # Each edition lists the stories written or translated in its own language.
        return listed(selectors.live_in(get_language()))

    def paged_by_ids(self, **lookup):
        """Lists reached through a join table (tags, bylines): page through ids, then fetch the page's rows."""
        return selectors.PagedByIds(selectors.live_in(get_language()).filter(**lookup), self.articles())


class HomeView(PublishedArticlesMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        sections = list(Section.objects.all())
        top = list(self.articles()[: 1 + HOME_LATEST_COUNT])
        lead, latest = (top[0], top[1:]) if top else (None, [])
        return super().get_context_data(
            lead=lead,
            latest=latest,
            section_blocks=self.section_blocks(sections, shown=[a.pk for a in top]),
            most_read=list(selectors.most_read(get_language(), limit=HOME_MOST_READ_COUNT).select_related("section")),
            # The header's navigation reuses this list instead of asking again.
            nav_sections=sections,
            **kwargs,
        )

    def section_blocks(self, sections, *, shown):
        """The newest few stories of each section not already above, in one query."""
        blocks = listed(
            selectors.newest_per_section(
                get_language(),
                [section.pk for section in sections],
                per_section=HOME_SECTION_BLOCK_SIZE,
                exclude_ids=shown,
            )
        )
        by_section = {}
        for article in blocks:
            by_section.setdefault(article.section_id, []).append(article)
        return [(section, by_section[section.pk]) for section in sections if section.pk in by_section]


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return self.articles().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class AuthorView(PublishedArticlesMixin, ListView):
    template_name = "articles/author.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.paged_by_ids(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.paged_by_ids(tags=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        # Only an empty listing needs the wider check (the story may be in another edition).
        if not context["object_list"] and not tag_is_public(self.tag):
            raise Http404("No published article has this tag")
        return context


class CorrectionsView(ListView):
    """Every correction to a live article, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = 20

    def get_queryset(self):
        return Correction.objects.filter(article__in=Article.objects.published()).select_related("article__section")


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.select_related("section").prefetch_related(
            bylines(), "tags", "corrections", "hero_renditions"
        )
        return articles if can_preview(self.request.user) else articles.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug or self.kwargs["section"] != self.object.section.slug:
            # Links shared before a headline or section change keep working.
            return redirect(self.object.get_absolute_url(), permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            # A preview must never be kept by a browser or a shared cache.
            add_never_cache_headers(response)
        return response

    def get_object(self, queryset=None):
        try:
            return (queryset or self.get_queryset()).get(pk=self.kwargs["pk"])
        except Article.DoesNotExist:
            raise Http404("No such article") from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related=related_articles(self.object), is_preview=not self.object.is_published, **kwargs
        )


def related_articles(article: Article, *, limit: int = RELATED_COUNT) -> list[Article]:
    """Live stories in the same language sharing the most tags, then the same section; newest first."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    return list(listed(selectors.related(article, tag_ids, limit=limit)))

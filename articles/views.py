"""The reader website: home, lists, the article page, corrections.

Every page starts from ``Article.objects.published()`` and fetches what its template
shows in a fixed number of queries, however many stories it lists. Nothing is kept
between requests: the page cache in front keeps whole pages.
"""

from dataclasses import replace

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import selectors
from articles.context_processors import reader_sections
from articles.models import Article, ArticleAuthor, Author, Correction, Language, PendingChange
from articles.paginators import ArchivePage, archive_page
from articles.public import author_is_public, tag_is_public
from articles.tags import tag_display_name

LIST_PAGE_SIZE = 12
HOME_TOP_COUNT = 7  # the lead, two secondary stories and the latest
HOME_SECTION_BLOCK_SIZE = 4
RELATED_COUNT = 4

# Apps above articles widen the article page's query from their AppConfig.ready(): each is a
# function of the queryset (e.g. a select_related of their own one-to-one), so what they add to
# the page costs a join, not a query per page.
article_page_queries: list = []


def can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("articles.view_article")


def bylines():
    """Prefetch for ``article.ordered_authors``: the byline in order, one query."""
    return Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))


class StoryListMixin:
    """Readers' lists of one edition's stories, newest first, ``?page=N`` (a bad page is a 404),
    without counting them (``archive_page``)."""

    paginate_by = LIST_PAGE_SIZE
    newest_first = selectors.NEWEST_FIRST

    def live(self):
        # Each edition lists the stories written or translated in its own language.
        return selectors.live_in(get_language())

    def paginate_queryset(self, queryset, page_size):
        stories = selectors.with_card_fields(queryset).order_by(*self.newest_first)
        page = archive_page(stories, self.request.GET.get("page"), per_page=page_size)
        cards = selectors.as_cards(page.object_list)
        page = replace(page, object_list=cards)
        return None, page, cards, page.has_other_pages()


def newest_at_the_top(pins: int) -> int:
    """How many of the newest stories the front page shows at its top beside ``pins`` pinned ones:
    all seven places with none; the lead pinned, the other six; two or more pinned (the lead and
    secondary), the four latest."""
    if pins == 0:
        return HOME_TOP_COUNT
    return HOME_TOP_COUNT - 1 if pins == 1 else HOME_TOP_COUNT - 3


class HomeView(TemplateView):
    """The edition's front page: the stories editors pinned (lead first), or with none the newest
    first; the latest, most read and section blocks around them."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        sections = reader_sections(self.request)
        front = selectors.front_page(
            language, [section.pk for section in sections], top=newest_at_the_top, per_section=HOME_SECTION_BLOCK_SIZE
        )
        top_ids = [*front.pinned, *front.top]
        shown = selectors.live_in(language).filter(pk__in=[*top_ids, *(pk for pk, _section_id in front.blocks)])
        # A story unpublished since the ids were read is left out, in place.
        stories = {story.pk: story for story in selectors.as_cards(selectors.with_card_fields(shown))}
        pinned = [stories[pk] for pk in front.pinned if pk in stories]
        top = [stories[pk] for pk in top_ids if pk in stories]
        if len(pinned) > 1:
            # The editors' choice under their lead; the newest follow as the latest.
            lead, secondary, latest = pinned[0], pinned[1:], top[len(pinned):]
        else:
            lead, others = (top[0], top[1:]) if top else (None, [])
            # Two secondary stories under the lead only when more than two others follow them.
            secondary = others[:2] if len(others) > 2 else []
            latest = others[len(secondary):]
        by_section = {}
        for pk, section_id in front.blocks:
            if pk in stories:
                by_section.setdefault(section_id, []).append(stories[pk])
        return super().get_context_data(
            lead=lead,
            secondary=secondary,
            latest=latest,
            section_blocks=[(section, by_section[section.pk]) for section in sections if section.pk in by_section],
            **kwargs,
        )


class SectionView(StoryListMixin, ListView):
    """A section's stories newest first, after the one an editor pinned at its top (page 1)."""

    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = next((s for s in reader_sections(self.request) if s.slug == self.kwargs["slug"]), None)
        if self.section is None:
            raise Http404("No such section")
        # The pinned story is out of the flow on every page, so pages neither repeat nor skip one.
        return self.live().filter(section=self.section).exclude(pk__in=selectors.section_pins())

    def paginate_queryset(self, queryset, page_size):
        page = self.request.GET.get("page") or "1"
        if not (page.isdigit() and int(page) == 1):
            return super().paginate_queryset(queryset, page_size)  # later pages, and the 404 of a bad one
        pinned = self.live().filter(section=self.section, pk__in=selectors.section_pins())
        self.pinned, cards, more = selectors.first_page_with_pin(queryset, pinned, per_page=page_size)
        page = ArchivePage(1, cards, more=more)
        return None, page, cards, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(section=self.section, **kwargs)  # paginates: finds the pinned story
        context["pinned"] = getattr(self, "pinned", None)
        return context


class AuthorView(StoryListMixin, ListView):
    template_name = "articles/author.html"
    newest_first = selectors.NEWEST_BYLINED_FIRST

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.live().filter(article_authors__author=self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        if not context["object_list"] and not author_is_public(self.author):  # as TagView
            raise Http404("No published article has this author")
        return context


class TagView(StoryListMixin, ListView):
    template_name = "articles/tag.html"
    newest_first = selectors.NEWEST_TAGGED_FIRST

    def get_queryset(self):
        # The tag's name in this edition is read twice (heading, head metadata): its Pashto and
        # Dari names come with it.
        tags = Tag.objects.all() if get_language() == Language.ENGLISH else Tag.objects.prefetch_related("translated_names")
        self.tag = get_object_or_404(tags, slug=self.kwargs["slug"])
        return self.live().filter(tagged_items__tag=self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, tag_title=tag_display_name(self.tag, get_language()), **kwargs)
        # Only an empty list needs the wider check (the story may be in another edition).
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
    pending = None
    # Where an outdated address redirects to: the lite edition routes this view under its own name.
    detail_url_name = "articles:detail"

    def get_queryset(self):
        # Most stories have no correction and no translation: the page asks for those only
        # when these say there are some (the hero's renditions likewise, when it has a hero).
        articles = (
            Article.objects.select_related("section")
            .prefetch_related(bylines(), "tags")
            .annotate(
                has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
                has_translations=Exists(Article.objects.filter(translation_of=OuterRef("pk"))),
            )
        )
        for widen in article_page_queries:
            articles = widen(articles)
        if get_language() != Language.ENGLISH:
            # The story's tags under their names in this edition (articles.tags.tag_display_name).
            articles = articles.prefetch_related("tags__translated_names")
        # Staff preview what they may read: editors everything, writers their own work.
        return articles.readable_by(self.request.user) if can_preview(self.request.user) else articles.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug or self.kwargs["section"] != self.object.section.slug:
            # Links shared before a headline or section change keep working.
            return redirect(self.address(self.object), permanent=True)
        self.pending = self.pending_change()
        if self.pending is not None:
            self.pending.applied_to(self.object)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published or self.pending is not None:
            # A preview must never be kept by a browser or a shared cache.
            add_never_cache_headers(response)
        return response

    def pending_change(self):
        """``?pending``: staff see the story with its pending changes (articles.services.pending_save),
        in this template, before they are published. Readers get the live page, whatever they add."""
        user = self.request.user
        if "pending" not in self.request.GET or not can_preview(user):
            return None
        # A live story is readable by every writer; its pending text only by those who may open it
        # in the admin (``visible_to``: editors, and writers for their own stories).
        return PendingChange.objects.open().filter(article__in=Article.objects.visible_to(user), article=self.object).first()

    def address(self, article) -> str:
        if self.detail_url_name == "articles:detail":
            return article.get_absolute_url()
        return reverse(self.detail_url_name, kwargs={"section": article.section.slug, "pk": article.pk, "slug": article.slug})

    def get_object(self, queryset=None):
        try:
            return (queryset or self.get_queryset()).get(pk=self.kwargs["pk"])
        except Article.DoesNotExist:
            raise Http404("No such article") from None

    def get_context_data(self, **kwargs):
        article = self.object
        related = selectors.related(article, limit=RELATED_COUNT, tag_ids=[tag.pk for tag in article.tags.all()])
        return super().get_context_data(
            related=selectors.as_cards(selectors.with_card_fields(related)),
            corrections=list(article.corrections.all()) if article.has_corrections else [],
            is_preview=not article.is_published or self.pending is not None,
            pending_preview=self.pending is not None,
            **kwargs,
        )

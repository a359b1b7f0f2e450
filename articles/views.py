"""The reader website: home, lists, the article page, corrections.

Every list starts from ``Article.objects.published()`` and fetches what its
template shows in a fixed number of queries, however many articles it lists.
"""

import functools

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import cards, selectors
from articles.context_processors import reader_sections
from articles.models import Article, ArticleAuthor, Author, Correction
from articles.public import tag_is_public
from editions.links import next_family_publication
from newsroom.paginators import TotalInPagePaginator
from pagecache.fragments import fragment, keep, kept

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


def newest_ids(articles):
    return articles.order_by(*selectors.NEWEST_FIRST).values_list("pk", flat=True)


class StoryListMixin:
    """Readers' lists: ids from ``published()``, newest first, ``?page=N`` (a bad page is a 404);
    each story shown as its card (articles/cards.py)."""

    paginate_by = LIST_PAGE_SIZE
    paginator_class = TotalInPagePaginator
    card_style = cards.LIST
    story_id_field = "pk"

    def live(self):
        # Each edition lists the stories written or translated in its own language.
        return selectors.live_in(get_language())

    def get_paginator(self, queryset, per_page, **kwargs):
        # How many stories a list has is remembered like related stories are: per content
        # version, until the next scheduled story goes live (counting 5,000 index entries per
        # view was most of a section page's database time at 100,000 articles).
        subject = [type(self).__name__, get_language(), self.kwargs.get("slug")]
        return super().get_paginator(
            queryset, per_page, total=KeptTotal(self.request, subject), id_field=self.story_id_field, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = list(context["object_list"])
        # The page's cards as one piece, kept for exactly these ids (each card is kept too).
        context["story_cards"] = mark_safe(fragment(  # noqa: S308 - our templates' own escaped output
            self.request, "story-list", [get_language(), *self.card_style.key, *ids],
            lambda: "".join(cards.cards(self.request, ids, self.card_style)),
        ) if ids else "")
        return context


class KeptTotal:
    """A list's number of live stories, kept per content version until the next publication."""

    def __init__(self, request, subject):
        self.request, self.subject = request, subject

    def get(self) -> int | None:
        return kept(self.request, "list-total", self.subject)

    def set(self, total: int) -> None:
        keep(self.request, "list-total", self.subject, total, until_next_publication=True)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        sections = reader_sections(self.request)
        top, blocks = selectors.front_page(
            language, [section.pk for section in sections], top=1 + HOME_LATEST_COUNT, per_section=HOME_SECTION_BLOCK_SIZE
        )
        most_read = list(selectors.most_read(language, limit=HOME_MOST_READ_COUNT).values_list("pk", flat=True))
        # Which stories are asked for every time; the HTML of exactly those stories is kept
        # (per content version, like each card in it).
        stories = fragment(
            self.request, "front-page", [language, tuple(top), tuple(most_read), tuple(blocks)],
            lambda: self.render_stories(sections, top, most_read, blocks),
        ) if top else ""
        return super().get_context_data(
            stories=mark_safe(stories),  # noqa: S308 - our templates' own escaped output
            # The header's navigation reuses this list instead of asking again.
            nav_sections=sections,
            **kwargs,
        )

    def render_stories(self, sections, top, most_read, blocks):
        styled = self.top_styles(top) + [(pk, cards.BLOCK) for pk, _section in blocks]
        rendered = cards.render_cards(self.request, styled)
        # A story unpublished since the ids were read has an empty card: left out, in place.
        top_cards = [card for card in rendered[: len(top)] if card]
        rows = Article.objects.published().filter(pk__in=most_read).select_related("section").in_bulk()
        context = {
            "lead": top_cards[0] if top_cards else None,
            "secondary": top_cards[1:3] if len(top_cards) > 3 else [],
            "latest": top_cards[3:] if len(top_cards) > 3 else top_cards[1:],
            "most_read": [rows[pk] for pk in most_read if pk in rows],
            "section_blocks": self.by_section(sections, blocks, rendered[len(top):]),
        }
        return render_to_string("articles/includes/front_page.html", context, request=self.request)

    @staticmethod
    def top_styles(top):
        """The lead; two secondary stories under it when more than two others follow; the rest as latest."""
        if not top:
            return []
        others = top[1:]
        secondary = set(others[:2]) if len(others) > 2 else set()
        return [(top[0], cards.LEAD)] + [(pk, cards.SECONDARY if pk in secondary else cards.COMPACT) for pk in others]

    @staticmethod
    def by_section(sections, blocks, block_cards):
        by_section = {}
        for (_pk, section_id), card in zip(blocks, block_cards, strict=True):
            if card:
                by_section.setdefault(section_id, []).append(card)
        return [(section, by_section[section.pk]) for section in sections if section.pk in by_section]


class SectionView(StoryListMixin, ListView):
    template_name = "articles/section.html"
    card_style = cards.LIST_IN_SECTION

    def get_queryset(self):
        self.section = next((s for s in reader_sections(self.request) if s.slug == self.kwargs["slug"]), None)
        if self.section is None:
            raise Http404("No such section")
        return self.live().filter(section=self.section).order_by(*selectors.NEWEST_FIRST)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class AuthorView(StoryListMixin, ListView):
    template_name = "articles/author.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return self.live().filter(authors=self.author).order_by(*selectors.NEWEST_FIRST)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagView(StoryListMixin, ListView):
    template_name = "articles/tag.html"
    story_id_field = "article_id"

    def get_queryset(self):
        # Tags change only through saves (a new content version): the lookup is kept.
        self.tag = fragment(self.request, "tag", [self.kwargs["slug"]],
                            lambda: get_object_or_404(Tag, slug=self.kwargs["slug"]))
        return selectors.tagged(self.tag, get_language())

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
        # Tags, bylines, corrections and photos only when the story is rendered (ArticleDetailView.piece).
        articles = Article.objects.select_related("section")
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
        article, request = self.object, self.request
        return super().get_context_data(
            story=self.piece("story", "articles/includes/story.html"),
            # Metadata holds absolute URLs: one per host the site answers to.
            story_head=self.piece("story-head", "articles/includes/story_head.html", request.scheme, request.get_host()),
            story_switcher=self.piece("story-switcher", "articles/includes/story_switcher.html"),
            related=cards.cards(request, related_ids(article, request=request), cards.RELATED),
            is_preview=not article.is_published,
            **kwargs,
        )

    def piece(self, name, template_name, *parts):
        """A part of the page that shows only the article: kept per content version, a preview never."""
        article, request = self.object, self.request

        def render():
            prefetch_related_objects([article], bylines(), "tags", "corrections", "hero_renditions")
            return render_to_string(template_name, {"article": article}, request=request)

        if not article.is_published:
            return mark_safe(render())  # noqa: S308 - our templates' own escaped output
        # The switcher, "in other languages" and hreflang links list live translations: a scheduled
        # one going live changes them, so they are kept only until then. Not until any story goes
        # live: with one scheduled every few minutes, every article was rendered afresh each time
        # (70-90 ms each, all at once: the article page's p99).
        html = fragment(request, name, [get_language(), article.pk, *parts], render,
                        changes_at=functools.partial(next_family_publication, article))
        return mark_safe(html)  # noqa: S308 - our templates' own escaped output


def related_ids(article: Article, *, limit: int = RELATED_COUNT, request=None) -> list[int]:
    """Live stories in the same language sharing the most tags, then the same section; newest first.

    The article page's costliest query (300 candidates scored), so its answer is kept per
    content version until the next scheduled story goes live: the same bound as a cached page.
    """
    return fragment(
        request, "related", [article.pk, limit],
        lambda: list(selectors.related(article, limit=limit).values_list("pk", flat=True)),
        until_next_publication=True,
    )

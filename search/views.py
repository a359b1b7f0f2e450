from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from articles.context_processors import reader_sections
from articles.models import Article
from editions import formatting
from search.forms import SearchForm
from search.indexer import MAX_BODY_CHARS, plain_text
from search.ranking import ranked_ids
from search.snippets import snippet

RESULTS_PER_PAGE = 20
# Nobody reads page 11: pages stop here, and the summary says "more than" this many.
RESULT_CAP = 200


def results(request, template_name="search/results.html"):
    form = SearchForm(request.GET, sections=reader_sections(request))
    page, capped = None, False
    if form.is_valid() and not (parsed := form.parsed_query()).is_empty:
        ids = ranked_ids(
            parsed, limit=RESULT_CAP + 1, section=form.cleaned_data["section"], language=form.cleaned_data["language"]
        )
        capped = len(ids) > RESULT_CAP
        page = Paginator(ids[:RESULT_CAP], RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = result_articles(page.object_list, parsed.words)
    context = {
        "form": form, "page": page, "capped": capped, "query": form.data.get("q", ""),
        "summary": summary(page.paginator.count, capped) if page is not None else "",
    }
    response = TemplateResponse(request, template_name, context)
    # Result pages are endless and thin: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def summary(count: int, capped: bool) -> str:
    """"1 result", "17 results", or "More than 200 results..." in the edition's digits."""
    shown = formatting.digits(count)
    if capped:
        return gettext("More than %(shown)s results. Add a word or choose a section to narrow them.") % {"shown": shown}
    return ngettext("%(shown)s result", "%(shown)s results", count) % {"shown": shown}


def result_articles(ids: list[int], words: list[str]) -> list[Article]:
    """The articles of ``ids``, in that order, each with a ``search_snippet`` marking ``words``
    and the ``section_path`` of its section in the story's own edition."""
    found = (
        Article.objects.published()
        .select_related("section")
        .only("title", "slug", "language", "published_at", "section", "standfirst", "body")
        .in_bulk(ids)
    )
    articles = [found[pk] for pk in ids if pk in found]
    section_paths = {}
    for article in articles:
        article.search_snippet = snippet(readers_text(article), words)
        key = (article.section_id, article.language)
        if key not in section_paths:
            section_paths[key] = own_edition_section_path(article)
        article.section_path = section_paths[key]
    return articles


def readers_text(article: Article) -> str:
    """The standfirst and body as the story spells them. Not the search document's copy: that is
    normalised for matching (Dari without its zero-width non-joiners, Pashto's ي made ی)."""
    # Cut after the spaces are folded, as the indexer cuts: a word it matched is in the excerpt's text.
    body = " ".join(plain_text(article.body).split())[:MAX_BODY_CHARS]
    return " ".join(f"{article.standfirst} {body}".split())


def own_edition_section_path(article: Article) -> str:
    """The story's section in the story's own edition: an edition lists only its own language's
    stories, so the English "News" page would not have this Pashto story."""
    with translation.override(article.language):
        return article.section.get_absolute_url()

from django.shortcuts import render
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.context_processors import reader_sections
from pagecache.fragments import fragments
from search.engine import search_page
from search.forms import SearchForm

RESULTS_PER_PAGE = 20


def results(request):
    sections = reader_sections(request)
    form = SearchForm(request.GET, sections=sections)
    page = None
    if form.is_valid():
        parsed = form.parsed_query()
        if not parsed.is_empty:
            page = search_page(
                parsed, request.GET.get("page"), per_page=RESULTS_PER_PAGE,
                section=form.cleaned_data["section"], language=form.cleaned_data["language"],
                sections={section.pk: section for section in sections},
            )
            _attach_heads(request, page.object_list)
    context = {"form": form, "page": page, "query": form.data.get("q", ""), "section_filter": form.section_filter_key()}
    response = render(request, "search/results.html", context)
    # Result pages are endless and thin: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def _attach_heads(request, articles: list) -> None:
    """Each result's headline, link, section and date (not its snippet, which follows the
    query), rendered once per content version and language."""
    template = get_template("search/includes/result_head.html")
    heads = fragments(
        request, "search-result-head", [(get_language(), article.pk) for article in articles],
        lambda missing: [template.render({"article": articles[index]}) for index in missing],
    )
    for article, head in zip(articles, heads, strict=True):
        article.search_head = mark_safe(head)  # noqa: S308 - rendered by the template above, escaped there

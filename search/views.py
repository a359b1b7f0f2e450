from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from articles.context_processors import reader_sections
from search.engine import search_page
from search.forms import SearchForm

RESULTS_PER_PAGE = 20


def results(request):
    sections = reader_sections(request)
    form = SearchForm(request.GET, sections=sections)
    page = results_html = None
    if form.is_valid():
        parsed = form.parsed_query()
        if not parsed.is_empty:
            page = search_page(
                parsed, request.GET.get("page"), per_page=RESULTS_PER_PAGE,
                section=form.cleaned_data["section"], language=form.cleaned_data["language"],
                sections={section.pk: section for section in sections},
            )
            results_html = _results_html(request, page, parsed)
    context = {
        "form": form, "page": page, "results_html": results_html,
        "query": form.data.get("q", ""), "filters": form.filters_key(),
    }
    response = render(request, "search/results.html", context)
    # Result pages are endless and thin: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def _results_html(request, page, parsed) -> str:
    """The page's results as one piece, kept per content version for exactly these ids and the
    words they highlight: a repeated search asks the database only which ids match (the rows
    with their text, the snippets and the markup were most of a search page's time)."""
    if not page.ids:
        return ""

    def render():
        _attach_heads(request, page.object_list)
        return render_to_string("search/includes/results.html", {"articles": page.object_list})

    return mark_safe(render())  # noqa: S308 - our templates' own escaped output


def _attach_heads(request, articles: list) -> None:
    """Each result's headline, link, section and date (not its snippet, which follows the
    query), rendered once per content version and language."""
    template = get_template("search/includes/result_head.html")
    heads = [template.render({"article": article}) for article in articles]
    for article, head in zip(articles, heads, strict=True):
        article.search_head = mark_safe(head)  # noqa: S308 - rendered by the template above, escaped there

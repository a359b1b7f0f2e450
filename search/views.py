from django.core.paginator import Paginator
from django.shortcuts import render

from search.engine import attach_snippets, search_articles, search_plans
from search.forms import SearchForm

RESULTS_PER_PAGE = 20


def results(request):
    form = SearchForm(request.GET)
    page = capped = None
    if form.is_valid():
        parsed = form.parsed_query()
        if not parsed.is_empty:
            matches = search_articles(
                parsed, section=form.cleaned_data["section"], language=form.cleaned_data["language"]
            )
            with search_plans():
                page = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                attach_snippets(page.object_list, parsed)
                capped = matches.capped
    context = {"form": form, "page": page, "capped": capped, "query": form.data.get("q", "")}
    response = render(request, "search/results.html", context)
    # Result pages are endless and thin: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response

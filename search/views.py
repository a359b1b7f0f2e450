from django.shortcuts import render

from articles.context_processors import reader_sections
from search.engine import search_page
from search.forms import SearchForm

RESULTS_PER_PAGE = 20


def results(request):
    form = SearchForm(request.GET)
    page = None
    if form.is_valid():
        parsed = form.parsed_query()
        if not parsed.is_empty:
            page = search_page(
                parsed, request.GET.get("page"), per_page=RESULTS_PER_PAGE,
                section=form.cleaned_data["section"], language=form.cleaned_data["language"],
                sections={section.pk: section for section in reader_sections(request)},
            )
    context = {"form": form, "page": page, "query": form.data.get("q", ""), "section_filter": form.section_filter_key()}
    response = render(request, "search/results.html", context)
    # Result pages are endless and thin: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response

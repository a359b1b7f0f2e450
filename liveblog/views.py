"""The live blog's reader endpoints: what an open page asks every ~30 s, and its feeds.

The polling endpoint is a plain anonymous GET, so the page cache (pagecache/) keeps its answer
under the content version: however many readers ask, each server builds it once per change
(a new, edited, pinned or deleted entry bumps the version) and per ``since``; a CDN in front
may keep it ``LIVEBLOG_POLL_CDN_SECONDS``.
"""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.template.loader import get_template
from django.utils.cache import patch_cache_control

from liveblog import conf, selectors

MAX_SINCE = 2**62


def entries(request, article_id: int):
    """``?since=<entry id>``: JSON with the entries new or changed since then, rendered as on the page."""
    since = request.GET.get("since", "0")
    if not since.isdigit() or int(since) > MAX_SINCE:
        return HttpResponseBadRequest("since: the id of the newest entry the page shows")
    blog = selectors.published_blog(article_id)
    if blog is None:
        # Unpublished, scheduled, deleted or not a live blog: nothing, and no hint which.
        raise Http404("No such live blog")
    found = selectors.poll(blog, int(since))
    template = get_template("liveblog/includes/entry_fragment.html", using="jinja2")
    response = JsonResponse({
        "live": found["live"],
        "latest": found["latest"],
        "ids": found["ids"],
        "entries": [
            {"id": entry.pk, "html": template.render({"entry": entry, "article": blog.article}, request)}
            for entry in found["entries"]
        ],
    })
    patch_cache_control(response, public=True, max_age=conf.get("LIVEBLOG_POLL_MAX_AGE"),
                        s_maxage=conf.get("LIVEBLOG_POLL_CDN_SECONDS"))
    return response

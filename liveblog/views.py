"""The live blog's reader endpoints: what an open page asks every ~30 s, and its feeds.

The polling endpoint is a plain anonymous GET with the same address for every reader, so the page
cache (pagecache/) keeps its answer under the content version: however many readers ask, each
server builds it once per change (a new, edited, pinned or deleted entry bumps the version); a CDN
in front may keep it ``LIVEBLOG_POLL_CDN_SECONDS``. Only a page that slept through more changes
than one answer carries asks with ``?since=``.
"""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.template.loader import get_template
from django.utils.cache import patch_cache_control

from liveblog import conf, selectors

MAX_SINCE = 2**62


def entries(request, article_id: int):
    """JSON with the latest changes (``selectors.recent``), or with ``?since=<entry id>`` the entries
    new or changed since then (``selectors.poll``), rendered as on the page."""
    since = request.GET.get("since")
    if since is not None and (not since.isdigit() or int(since) > MAX_SINCE):
        return HttpResponseBadRequest("since: the id of the newest entry the page shows")
    blog = selectors.published_blog(article_id)
    if blog is None:
        # Unpublished, scheduled, deleted or not a live blog: nothing, and no hint which.
        raise Http404("No such live blog")
    found = selectors.recent(blog) if since is None else selectors.poll(blog, int(since))
    template = get_template("liveblog/includes/entry_fragment.html", using="jinja2")
    response = JsonResponse({
        "live": found["live"],
        "latest": found["latest"],
        "ids": found["ids"],
        "from": found["from"],
        "entries": [
            {"id": entry.pk, "changed": selectors.change_stamp(entry),
             "html": template.render({"entry": entry, "article": blog.article}, request)}
            for entry in found["entries"]
        ],
    })
    patch_cache_control(response, public=True, max_age=conf.get("LIVEBLOG_POLL_MAX_AGE"),
                        s_maxage=conf.get("LIVEBLOG_POLL_CDN_SECONDS"))
    return response

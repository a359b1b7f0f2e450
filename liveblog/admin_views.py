"""The live blog panel on the article form: start and end the coverage, add, edit, pin and delete
entries without leaving the page.

Every view is a plain form post that redirects back to the article form (``#live-blog``);
liveblog/static/liveblog/panel.js sends the same forms with fetch() and the header
``X-Live-Blog-Panel``, and gets the panel's new HTML instead, to put in place.
Permissions: ``liveblog.services.can_run`` (editors), checked again by every service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.models import Article
from liveblog import services
from liveblog.forms import EntryForm, StartForm
from liveblog.models import Entry
from liveblog.selectors import blog_of

PANEL_HEADER = "HTTP_X_LIVE_BLOG_PANEL"


def _article(request, article_id) -> Article:
    # What this person may open at all (a writer: their own stories), then whether they may run it.
    article = get_object_or_404(Article.objects.visible_to(request.user).select_related("live_blog"), pk=article_id)
    if not services.can_run(request.user, article):
        raise PermissionDenied("Only editors run live blogs: an entry goes out to readers as soon as it is saved.")
    return article


def _entry(article, entry_id) -> Entry:
    blog = blog_of(article)
    if blog is None:
        raise PermissionDenied("This story is not a live blog.")
    entry = get_object_or_404(Entry, live_blog=blog, pk=entry_id)
    entry.live_blog = blog  # its article is the one checked
    return entry


def panel_context(request, article, *, add_form=None, editing=None, edit_form=None) -> dict:
    blog = blog_of(article)
    can_run = services.can_run(request.user, article)
    entries = list(blog.entries.select_related("author")) if blog else []
    author = getattr(request.user, "author_profile", None)
    return {
        "article": article,
        "blog": blog,
        "entries": entries,
        "can_run": can_run,
        "start_form": StartForm(),
        "add_form": add_form or EntryForm(prefix="entry", adding=True, initial={"author": author.pk if author else None}),
        "editing": editing,
        "edit_form": edit_form,
        "article_url": reverse("admin:articles_article_change", args=[article.pk]),
    }


def render_panel(request, article, **kwargs) -> str:
    return render_to_string("liveblog/admin/panel.html", panel_context(request, article, **kwargs), request=request)


def _done(request, article, message: str, *, status=200, **kwargs):
    """The panel's new HTML for fetch(); back to the article form for a plain post."""
    if request.META.get(PANEL_HEADER):
        return HttpResponse(render_panel(request, article, **kwargs), status=status)
    if status == 200:
        messages.success(request, message)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#live-blog")
    # A plain post with mistakes: the form again, on a page of its own, with what to fix.
    return TemplateResponse(request, "liveblog/admin/entry_page.html", {
        **request.admin_site_context, **panel_context(request, article, **kwargs),
        "title": "Live blog entry",
    }, status=status)


@require_POST
def start(request, article_id):
    article = _article(request, article_id)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("coverage_end", [])))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#live-blog")
    article.live_blog = services.live_blog_start(article=article, by=request.user,
                                                 coverage_end=form.cleaned_data["coverage_end"])
    return _done(request, article, "This story is a live blog now: add entries below.")


@require_POST
def end(request, article_id):
    article = _article(request, article_id)
    blog = blog_of(article)
    if blog is None:
        raise PermissionDenied("This story is not a live blog.")
    services.live_blog_end(blog=blog, by=request.user)
    return _done(request, article, "Coverage ended: readers see the entries as a timeline, and their pages stop asking for new ones.")


@require_POST
def add(request, article_id):
    article = _article(request, article_id)
    blog = blog_of(article)
    if blog is None:
        raise PermissionDenied("This story is not a live blog.")
    form = EntryForm(request.POST, request.FILES, prefix="entry", adding=True, instance=Entry(live_blog=blog))
    if not form.is_valid():
        return _done(request, article, "", status=400, add_form=form)
    services.entry_save(entry=form.instance, by=request.user)
    return _done(request, article, "Entry added: readers see it within half a minute.")


def edit(request, article_id, entry_id):
    """GET: the entry's form (inside the panel for fetch(), on a page of its own without script)."""
    article = _article(request, article_id)
    entry = _entry(article, entry_id)
    if request.method == "POST":
        form = EntryForm(request.POST, request.FILES, prefix=f"entry-{entry.pk}", instance=entry)
        if form.is_valid():
            services.entry_save(entry=form.instance, by=request.user)
            return _done(request, article, "Entry saved.")
        return _done(request, article, "", status=400, editing=entry, edit_form=form)
    form = EntryForm(prefix=f"entry-{entry.pk}", instance=entry)
    if request.META.get(PANEL_HEADER):
        return HttpResponse(render_panel(request, article, editing=entry, edit_form=form))
    return TemplateResponse(request, "liveblog/admin/entry_page.html", {
        **request.admin_site_context, **panel_context(request, article, editing=entry, edit_form=form),
        "title": "Edit live blog entry",
    })


@require_POST
def pin(request, article_id, entry_id):
    article = _article(request, article_id)
    entry = _entry(article, entry_id)
    pinned = request.POST.get("pinned") == "1"
    services.entry_pin(entry=entry, by=request.user, pinned=pinned)
    return _done(request, article, "Entry pinned to the top." if pinned else "Entry unpinned.")


@require_POST
def delete(request, article_id, entry_id):
    article = _article(request, article_id)
    entry = _entry(article, entry_id)
    services.entry_delete(entry=entry, by=request.user)
    return _done(request, article, "Entry deleted: readers' pages drop it at their next update.")


def panel(request, article_id):
    """The panel as it is now (the script's Cancel)."""
    article = get_object_or_404(Article.objects.visible_to(request.user).select_related("live_blog"), pk=article_id)
    return HttpResponse(render_panel(request, article))


def with_admin_context(view):
    """The admin's page context (site header, user links) for the pages of their own."""
    from django.contrib import admin

    def wrapped(request, *args, **kwargs):
        request.admin_site_context = admin.site.each_context(request)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return admin.site.admin_view(wrapped)



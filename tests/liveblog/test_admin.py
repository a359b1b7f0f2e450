"""The live blog panel on the article form: editors start and end live blogs and add, edit, pin
and delete entries, with plain form posts or with the panel's script (fetch and the header);
writers may read the panel on their own stories, not write in it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from liveblog.models import Entry, LiveBlog
from pagecache.version import content_version
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.liveblog.factories import EntryFactory, LiveBlogFactory

pytestmark = pytest.mark.django_db
PANEL = {"HTTP_X_LIVE_BLOG_PANEL": "1"}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def action(name, article, entry=None):
    args = [article.pk] if entry is None else [article.pk, entry.pk]
    return reverse(f"liveblog_admin:{name}", args=args)


def test_an_editor_makes_a_story_a_live_blog_from_its_form(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Make this story a live blog" in page and 'id="live-blog"' in page
    response = client.post(action("start", article), {"entry-coverage_end": ""})
    assert response.status_code == 302 and response["Location"].endswith(change_url(article) + "#live-blog")
    blog = LiveBlog.objects.get(article=article)
    assert blog.is_live and blog.coverage_end > timezone.now() + datetime.timedelta(hours=23)
    page = client.get(change_url(article)).content.decode()
    assert "Add entry" in page and "End coverage" in page


def test_an_editor_adds_an_entry_with_a_plain_form_post(client, editor):
    blog = LiveBlogFactory()
    author = AuthorFactory(name="Farid")
    client.force_login(editor)
    version = content_version().counter
    response = client.post(action("add", blog.article), {
        "entry-body": "<p>Rescuers <strong>arrive</strong>.</p><script>x()</script>",
        "entry-is_key_event": "on", "entry-author": author.pk, "entry-embed_url": "",
    })
    assert response.status_code == 302
    entry = Entry.objects.get(live_blog=blog)
    assert entry.body == "<p>Rescuers <strong>arrive</strong>.</p>"
    assert entry.is_key_event and entry.author == author and entry.created_by == editor
    assert content_version().counter > version, "a new entry of a live story changes reader pages"


def test_the_panels_script_gets_the_new_panel_back(client, editor):
    blog = LiveBlogFactory()
    client.force_login(editor)
    response = client.post(action("add", blog.article), {"entry-body": "<p>Boats on the river.</p>"}, **PANEL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="live-blog"') and "Boats on the river." in html


def test_a_mistake_comes_back_with_what_to_fix_with_or_without_script(client, editor):
    blog = LiveBlogFactory()
    client.force_login(editor)
    with_script = client.post(action("add", blog.article), {"entry-body": "<p></p>", "entry-embed_url": "http://x.org"}, **PANEL)
    assert with_script.status_code == 400
    assert "Write the entry" in with_script.content.decode() and "https://" in with_script.content.decode()
    without = client.post(action("add", blog.article), {"entry-body": ""})
    assert without.status_code == 400 and "Write the entry" in without.content.decode()
    assert not Entry.objects.exists()


def test_an_editor_edits_pins_and_deletes_an_entry(client, editor):
    blog = LiveBlogFactory()
    entry = EntryFactory(live_blog=blog, body="<p>Frist.</p>")
    client.force_login(editor)
    form = client.get(action("edit", blog.article, entry), **PANEL).content.decode()
    assert "liveblog-edit-form" in form and "Frist." in form
    posted = timezone.localtime(entry.posted_at).strftime("%Y-%m-%dT%H:%M")
    response = client.post(action("edit", blog.article, entry), {
        f"entry-{entry.pk}-body": "<p>First.</p>", f"entry-{entry.pk}-posted_at": posted,
    })
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "<p>First.</p>" and entry.updated_by == editor
    assert client.post(action("pin", blog.article, entry), {"pinned": "1"}).status_code == 302
    entry.refresh_from_db()
    assert entry.is_pinned
    assert client.post(action("delete", blog.article, entry), **PANEL).status_code == 200
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_an_entry_cannot_be_dated_in_the_future(client, editor):
    entry = EntryFactory()
    client.force_login(editor)
    later = timezone.localtime(timezone.now() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(action("edit", entry.live_blog.article, entry), {
        f"entry-{entry.pk}-body": "<p>x</p>", f"entry-{entry.pk}-posted_at": later,
    }, **PANEL)
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_ending_the_coverage_is_an_editors_action(client, editor):
    blog = LiveBlogFactory()
    client.force_login(editor)
    assert client.post(action("end", blog.article)).status_code == 302
    blog.refresh_from_db()
    assert not blog.is_live and blog.coverage_end <= timezone.now()
    assert "Resume live coverage" in client.get(change_url(blog.article)).content.decode()


def test_an_entry_of_another_live_blog_cannot_be_reached_through_this_one(client, editor):
    blog, other = LiveBlogFactory(), EntryFactory()
    client.force_login(editor)
    assert client.post(action("delete", blog.article, other)).status_code == 404
    assert Entry.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("name", ["start", "end", "add"])
def test_writers_cannot_run_a_live_blog_even_on_their_own_story(client, writer, name):
    article = ArticleFactory(draft=True, created_by=writer)
    LiveBlogFactory(article=article)
    client.force_login(writer)
    response = client.post(action(name, article), {"entry-body": "<p>Mine.</p>"})
    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_writers_see_the_entries_of_their_own_live_blog_but_no_buttons(client, writer):
    article = ArticleFactory(draft=True, created_by=writer)
    EntryFactory(live_blog=LiveBlogFactory(article=article), body="<p>Prepared entry.</p>")
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    panel = page.split('<section id="live-blog"')[1].split("</section>")[0]
    assert "Prepared entry." in panel
    assert "<form" not in panel and "liveblog-edit" not in panel and "Make this story a live blog" not in panel


def test_a_writer_cannot_touch_another_storys_entries(client, writer):
    entry = EntryFactory()
    client.force_login(writer)
    for name in ("edit", "pin", "delete"):
        assert client.post(action(name, entry.live_blog.article, entry)).status_code in (403, 404)
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_staff_without_editing_rights_and_anonymous_visitors_are_refused(client):
    entry = EntryFactory()
    response = client.post(action("delete", entry.live_blog.article, entry))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory(username="intern"))  # staff, in no group
    assert client.post(action("delete", entry.live_blog.article, entry)).status_code in (403, 404)
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_live_blogs_article_takes_its_entries_along(client, superuser):
    entry = EntryFactory()
    article = entry.live_blog.article
    version = content_version().counter
    article.delete()
    assert not Entry.objects.filter(pk=entry.pk).exists() and not LiveBlog.objects.exists()
    assert content_version().counter > version


def test_without_script_an_entry_is_edited_on_a_page_of_its_own(client, editor):
    entry = EntryFactory(body="<p>Frist.</p>")
    client.force_login(editor)
    page = client.get(action("edit", entry.live_blog.article, entry))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<!DOCTYPE html>" in html and "liveblog-edit-form" in html and "Frist." in html
    assert "django_prose_editor" in html, "the same editor as the article body"


@pytest.mark.parametrize("number", ["9223372036854775808", "1" + "0" * 40])
def test_an_absurd_id_in_the_panels_addresses_is_not_found(client, editor, number):
    entry = EntryFactory()
    client.force_login(editor)
    client.raise_request_exception = False
    for url in (f"/admin/live-blogs/{number}/entries/add/", f"/admin/live-blogs/{entry.live_blog.article.pk}/entries/{number}/pin/"):
        assert client.post(url).status_code == 404

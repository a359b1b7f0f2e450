"""No unpublished content leaks: a crawl of everything a reader can reach.

A draft, an article in review, a scheduled one and an archived one each carry a
unique marker in every field (headline, standfirst, body, caption, alt text,
credit, slug, tag, correction). So does the pending version of a live story (staged edits,
articles.models.PendingChange, scheduled with a correction note): readers see the live text only. The crawl starts at the three edition home
pages, robots.txt, the sitemaps, every feed and a search for each marker, and
follows every link on the site; no response may contain a marker, and the four
articles' addresses are 404 for readers.
"""

import datetime
import io
import re
import sys
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from articles.models import Language
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory
from tests.liveblog.factories import EntryFactory, LiveBlogFactory
from tests.security.crawl import crawl

pytestmark = pytest.mark.django_db

STATES = {"draft": {"draft": True}, "review": {"in_review": True}, "scheduled": {"scheduled": True},
          "archived": {"archived": True}}
MARKERS = {state: f"zq{state}leakmark" for state in STATES}
MARKERS["pending"] = "zqpendingleakmark"  # the staged edit of a live story (not a state of the article row)
LANGUAGES = [code for code, _ in Language.choices]
# Where a page echoes the marker the reader typed (a search for it, a URL they made up),
# only the marker *with its article's text around it* is a leak.
FIELD_PREFIXES = r"(?:headline|standfirst|body|quote|caption|alt|credit|correction|tag|entry)"


def leaked_markers(path: str, body: str) -> list[str]:
    asked = unquote(path).lower()
    # A page may echo the address asked for (canonical link, language switcher to /ps/..., /fa-af/...).
    text = body.lower()
    for echo in {path.lower(), asked}:
        text = text.replace(re.sub(r"^/(?:en|ps|fa-af)/", "/", echo), "")
    found = []
    for state, marker in MARKERS.items():
        if marker in asked:
            in_context = re.compile(FIELD_PREFIXES + r"\W*(?:<[^>]+>\s*)*" + marker)
            if in_context.search(text):
                found.append(state)
        elif marker in text:
            found.append(state)
    return found


def photo(name="photo.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "#884422").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def newsroom():
    """Live stories in every edition around four unpublished ones that share their section, author and tag."""
    section = SectionFactory(name="Politics", slug="politics")
    author = AuthorFactory(name="Shared Reporter", slug="shared-reporter")
    live = [
        ArticleFactory(title=f"Live story {n} {language}", language=language, section=section,
                       authors=[author], tags=["Kabul", f"topic-{language}"], hero_image=photo(), hero_alt="A street")
        for language in LANGUAGES for n in range(2)
    ]
    CorrectionFactory(article=live[0], text="A public correction.")
    EntryFactory(live_blog=LiveBlogFactory(article=live[0]), body="<p>A public live blog entry.</p>")
    hidden = {}
    for state, traits in STATES.items():
        marker = MARKERS[state]
        article = ArticleFactory(
            **traits,
            title=f"Headline {marker}",
            slug=f"{marker}-slug",
            standfirst=f"Standfirst {marker}",
            body=f"<p>Body {marker}</p><blockquote>Quote {marker}</blockquote>",
            hero_image=photo(f"{marker}.jpg"),
            hero_alt=f"Alt {marker}",
            hero_caption=f"Caption {marker}",
            hero_credit=f"Credit {marker}",
            section=section,
            authors=[author],
            tags=["Kabul", f"tag {marker}"],
        )
        CorrectionFactory(article=article, text=f"Correction {marker}")
        # A live blog being prepared (or pulled): its entries go nowhere either (liveblog/).
        EntryFactory(live_blog=LiveBlogFactory(article=article), body=f"<p>Entry {marker}</p>", is_key_event=True)
        hidden[state] = article
    # A live story with pending changes in every staged field, scheduled for tomorrow with a correction note.
    from articles import services
    from tests.factories import UserFactory

    staged = ArticleFactory(title="Live story with pending changes", section=section, authors=[author], tags=["Kabul"],
                            hero_image=photo(), hero_alt="A square", hero_caption="Live caption", hero_credit="Live credit")
    marker = MARKERS["pending"]
    editor = UserFactory(username="leak-editor", role="Editors")
    pending = services.pending_save(article=staged, by=editor, fields={
        "title": f"Headline {marker}", "standfirst": f"Standfirst {marker}",
        "body": f"<p>Body {marker}</p><blockquote>Quote {marker}</blockquote>",
        "hero_alt": f"Alt {marker}", "hero_caption": f"Caption {marker}", "hero_credit": f"Credit {marker}",
    })
    services.pending_schedule(pending=pending, by=editor, at=timezone.now() + datetime.timedelta(days=1),
                              correction_note=f"Correction {marker}")
    # A live translation of the draft: its language links must not name or link the draft.
    ArticleFactory(title="Live Pashto translation", language=Language.PASHTO, section=section,
                   translation_of=hidden["draft"], authors=[author])
    return {"live": [*live, staged], "hidden": hidden, "section": section, "author": author, "staged": staged}


def start_urls() -> list[str]:
    urls = ["/", "/robots.txt", "/sitemap.xml", "/sitemap-news.xml", "/healthz"]
    for language in LANGUAGES:
        with translation.override(language):
            urls += [reverse("articles:home"), reverse("feeds:site-rss"), reverse("feeds:site-atom"),
                     reverse("feeds:language-rss", kwargs={"language": language})]
            urls += [f"{reverse('search:results')}?q={marker}" for marker in MARKERS.values()]
            urls += [f"{reverse('search:results')}?q={word}" for word in ("Headline", "Body", "Kabul")]
            urls += [reverse("articles:home") + "?pending"]  # a reader asking for the preview gets the live page
    return urls


def live_blog_urls(articles) -> list[str]:
    """Each live blog's polling endpoint and feeds, which no page links for an unpublished one."""
    urls = []
    for article in articles:
        with translation.override(article.language):
            urls += [reverse("liveblog:entries", kwargs={"article_id": article.pk}) + "?since=0",
                     reverse("liveblog:feed-rss", kwargs={"article_id": article.pk}),
                     reverse("liveblog:feed-atom", kwargs={"article_id": article.pk})]
    return urls


def test_no_marker_of_an_unpublished_article_appears_anywhere_a_reader_can_reach(client, newsroom):
    result = crawl(client, start_urls() + live_blog_urls([newsroom["live"][0], *newsroom["hidden"].values()]))

    leaks = [f"{state} marker on {path}" for path, body in result.bodies.items() for state in leaked_markers(path, body)]
    assert leaks == []
    followed_to_hidden = [path for path in result.fetched if any(m in unquote(path).lower() for m in MARKERS.values())
                          and "?q=" not in path]
    assert followed_to_hidden == []  # no link anywhere points at an unpublished article
    server_errors = {path: status for path, status in result.fetched.items() if status >= 500}
    assert server_errors == {}
    # The crawl really went everywhere: every edition, the section, the author, a tag, an article, feeds, sitemaps.
    fetched = set(result.fetched)
    for article in newsroom["live"]:
        with translation.override(article.language):
            assert article.get_absolute_url() in fetched
    assert {"/en/", "/ps/", "/fa-af/", "/sitemap.xml"} <= fetched
    assert any(path.startswith("/sitemap-") and path != "/sitemap-news.xml" for path in fetched)
    assert any("/author/shared-reporter/" in path for path in fetched)
    assert any("/section/politics/" in path for path in fetched)
    assert any("/tag/kabul/" in path for path in fetched)
    with translation.override("en"):
        staged = newsroom["staged"].get_absolute_url()
    assert staged in fetched
    assert client.get(staged + "?pending").status_code == 200
    assert leaked_markers(staged, client.get(staged + "?pending").content.decode()) == []
    assert any("/live/" in path and path.endswith("/rss/") for path in fetched)
    print(f"\nleak crawl: fetched {len(result.fetched)} URLs, searched {len(result.bodies)} text responses",
          file=sys.stderr)
    assert len(result.fetched) >= 50


@pytest.mark.parametrize("state", STATES)
def test_an_unpublished_articles_addresses_are_404_for_readers(client, newsroom, state):
    article = newsroom["hidden"][state]
    with translation.override(article.language):
        detail = article.get_absolute_url()
        short = reverse("articles:detail_by_id", kwargs={"section": article.section.slug, "pk": article.pk})

    for path in (detail, short):
        response = client.get(path)
        assert response.status_code == 404, path
        assert leaked_markers(path, response.content.decode()) == []


@pytest.mark.parametrize("state", STATES)
def test_a_tag_used_only_by_unpublished_articles_shows_nothing_of_them(client, newsroom, state):
    from taggit.models import Tag

    tag = Tag.objects.get(name=f"tag {MARKERS[state]}")
    with translation.override("en"):
        paths = [reverse("articles:tag", kwargs={"slug": tag.slug}),
                 reverse("feeds:tag-rss", kwargs={"slug": tag.slug}),
                 reverse("feeds:tag-atom", kwargs={"slug": tag.slug})]

    leaks = {}
    for path in paths:
        response = client.get(path)
        body = b"".join(response).decode() if response.streaming else response.content.decode()
        if leaked_markers(path, body):
            leaks[path] = response.status_code
    assert leaks == {}


def pull_story_after_caching(client, story, editor, pages, capture):
    from articles import services

    for path in pages:
        assert story.slug in client.get(path).content.decode(), path
        assert story.slug in client.get(path).content.decode(), path  # now from the caches
    with capture(execute=True):
        services.article_unpublish(article=story, by=editor)
    return [path for path in pages if story.slug in client.get(path).content.decode()]


def test_a_pulled_story_leaves_every_cached_page_at_once(client, newsroom, editor, settings,
                                                        django_capture_on_commit_callbacks):
    settings.PAGECACHE_ENABLED = True  # off for most tests; here it is the point
    story = newsroom["live"][0]
    with translation.override(story.language):
        detail = story.get_absolute_url()
        pages = [reverse("articles:home"), story.section.get_absolute_url(), reverse("feeds:site-rss"),
                 reverse("articles:author", kwargs={"slug": "shared-reporter"})]
    client.get(detail)

    still_there = pull_story_after_caching(client, story, editor, pages, django_capture_on_commit_callbacks)

    assert still_there == []
    assert client.get(detail).status_code == 404


def test_a_pulled_story_leaves_the_cached_sitemap_at_once(client, newsroom, editor, settings,
                                                        django_capture_on_commit_callbacks):
    settings.PAGECACHE_ENABLED = True
    still_there = pull_story_after_caching(client, newsroom["live"][0], editor, ["/sitemap-articles.xml"],
                                           django_capture_on_commit_callbacks)

    assert still_there == []

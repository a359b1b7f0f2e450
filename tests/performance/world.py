"""A newsroom where everything comes N at a time, for the query-count tests.

``build_world(n)``: one section, N authors and N tags; N live articles (so
every list shows N items) each carrying all N tags, all N authors and N
corrections; the first is "the article" whose related stories are the
other N-1 plus a few more that share a tag, so related lists are never
empty. A draft and a scheduled article ride along, as in real life.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from articles.models import ArticleAuthor, Author, Section
from tests.donations.factories import seed_details
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

SEARCH_WORD = "zanzibarite"
RELATED_EXTRA = 8


@dataclass
class World:
    n: int
    section: Section
    author: Author
    tag_slug: str
    article: object


def build_world(n: int) -> World:
    seed_details()  # every page shows the appeal, as on a newsroom's site
    section = SectionFactory(slug="politics", name="Politics")
    authors = [AuthorFactory() for _ in range(n)]
    tags = [f"topic {i}" for i in range(n)]
    articles = []
    for i in range(n):
        article = ArticleFactory(
            section=section, title=f"Story {i} about {SEARCH_WORD}", standfirst=f"{SEARCH_WORD} summary", tags=tags
        )
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article=article, author=author, position=p) for p, author in enumerate(authors)]
        )
        for _ in range(n):
            CorrectionFactory(article=article)
        articles.append(article)
    for i in range(RELATED_EXTRA):
        ArticleFactory(section=SectionFactory(slug=f"other-{i}"), tags=tags[:1], title=f"Related {i}")
    ArticleFactory(draft=True, section=section, tags=tags, title=f"Draft about {SEARCH_WORD}")
    ArticleFactory(scheduled=True, section=section, tags=tags, title=f"Scheduled about {SEARCH_WORD}")
    return World(n=n, section=section, author=authors[0], tag_slug="topic-0", article=articles[0])


def reader_urls(world: World) -> dict[str, str]:
    with translation.override("en"):
        urls = {
            "home": reverse("articles:home"),
            "article": world.article.get_absolute_url(),
            "section": reverse("articles:section", kwargs={"slug": world.section.slug}),
            "tag": reverse("articles:tag", kwargs={"slug": world.tag_slug}),
            "author": reverse("articles:author", kwargs={"slug": world.author.slug}),
            "search": reverse("search:results") + f"?q={SEARCH_WORD}",
        }
        for kind in ("rss", "atom"):
            urls[f"feed site {kind}"] = reverse(f"feeds:site-{kind}")
            urls[f"feed section {kind}"] = reverse(f"feeds:section-{kind}", kwargs={"slug": world.section.slug})
            urls[f"feed tag {kind}"] = reverse(f"feeds:tag-{kind}", kwargs={"slug": world.tag_slug})
            urls[f"feed author {kind}"] = reverse(f"feeds:author-{kind}", kwargs={"slug": world.author.slug})
            urls[f"feed language {kind}"] = reverse(f"feeds:language-{kind}", kwargs={"language": "en"})
    urls["sitemap index"] = reverse("syndication:sitemap-index")
    urls["news sitemap"] = reverse("syndication:news-sitemap")
    for part in ("articles", "sections", "tags", "authors"):
        urls[f"sitemap {part}"] = reverse("syndication:sitemap-section", kwargs={"section": part})
    return {name: iri_to_uri(url) for name, url in urls.items()}

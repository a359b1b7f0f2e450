"""Nothing an editor, the importer or a URL supplies can run in a reader's browser.

Every payload of ``tests/security/xss.py`` goes into every field an editor or the
importer controls (headline, standfirst, body, caption, alt text, credit, tag,
section name, author name and bio, the donation appeal and receiver), and into
search queries and other URL parameters. Every page a reader can reach is then
parsed: no script element but our own static files and JSON-LD data, no event
attribute, no ``javascript:``/``data:`` URL, no frame, object or base element.
"""

import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from articles.models import Language
from donations.models import DonationDetails, MethodKind, PaymentMethod
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.security.crawl import crawl
from tests.security.xss import PAYLOADS, feed_problems, script_problems

LANGUAGES = [code for code, _ in Language.choices]


def photo():
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "#225588").save(out, "JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


def plant_payloads():
    """One story per payload and language, with the payload in every field."""
    articles = []
    for n, payload in enumerate(PAYLOADS):
        section = SectionFactory(name=f"S{n} {payload}"[:100], slug=f"xss-section-{n}",
                                 description=f"Section about {payload}")
        author = AuthorFactory(name=f"A{n} {payload}"[:150], slug=f"xss-author-{n}", bio=f"Bio {payload}")
        language = LANGUAGES[n % len(LANGUAGES)]
        articles.append(ArticleFactory(
            title=f"T{n} {payload}", standfirst=f"Standfirst {payload}", body=f"<p>Body {payload}</p>{payload}",
            hero_image=photo(), hero_alt=f"Alt {payload}", hero_caption=f"Caption {payload}",
            hero_credit=f"Credit {payload}"[:200], section=section, authors=[author], language=language,
            tags=[f"tag{n} {payload}"[:100]],
        ))
    everything = " ".join(PAYLOADS)
    details = DonationDetails.objects.create(
        is_live=True,
        organisation=f"Org {PAYLOADS[0]}"[:200],
        **{f"appeal_headline_{code.replace('-', '_')}": f"Give {PAYLOADS[n % len(PAYLOADS)]}"[:200]
           for n, code in enumerate(LANGUAGES)},
        **{f"appeal_text_{code.replace('-', '_')}": everything for code in LANGUAGES},
    )
    PaymentMethod.objects.create(details=details, position=1, kind=MethodKind.IBAN, iban="NO1505302294668",
                                 is_live=True)
    return articles


def reader_urls_with_hostile_parameters() -> list[str]:
    urls = []
    for language in LANGUAGES:
        with translation.override(language):
            home, search = reverse("articles:home"), reverse("search:results")
            donate = reverse("donations:donate") if _has_url("donations:donate") else None
        for payload in PAYLOADS:
            q = quote(payload, safe="")
            urls += [
                f"{search}?q={q}",
                f"{search}?q=Body&section={q}&language={q}&page={q}",
                f"{home}?page={q}&utm_source={q}",
                f"{home}{q}/",  # a 404 page that may echo the path
            ]
            if donate:
                urls.append(f"{donate}?ref={q}")
    return urls


def _has_url(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def start_urls() -> list[str]:
    urls = ["/", "/robots.txt", "/sitemap.xml", "/sitemap-news.xml"]
    for language in LANGUAGES:
        with translation.override(language):
            urls += [reverse("articles:home"), reverse("feeds:site-rss"), reverse("feeds:site-atom"),
                     f"{reverse('search:results')}?q=Body"]
            if _has_url("donations:donate"):
                urls.append(reverse("donations:donate"))
    return urls


@pytest.fixture
def hostile_site(db):
    return plant_payloads()


def page_problems(path, response) -> list[str]:
    body = b"".join(response).decode() if response.streaming else response.content.decode()
    return problems_in(path, body, response.headers.get("Content-Type", ""))


def problems_in(path, body, content_type) -> list[str]:
    if "xml" in content_type:
        return feed_problems(body, path)
    if content_type.startswith("text/html"):
        return script_problems(body, path)
    return []


def test_the_corpus_has_at_least_twenty_payloads():
    assert len(PAYLOADS) >= 20
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_checker_catches_each_kind_of_script(db):
    # The checker must be able to fail, or the tests below prove nothing.
    assert script_problems("<p>fine <a href='/en/'>link</a></p>", "ok") == []
    for unsafe in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=' java\tscript:x'>x</a>",
                   "<a href='data:text/html,x'>x</a>", "<iframe src=/x></iframe>", "<svg onload=alert(1)>",
                   '<script type="application/ld+json">{"a": 1}</script><script>alert(1)</script>',
                   '<script type="application/ld+json">{"a": "</script>',
                   "<div style='background:url(javascript:alert(1))'></div>"]:
        assert script_problems(unsafe, "unsafe"), unsafe


def test_no_payload_runs_on_any_page_a_reader_can_reach(client, hostile_site):
    result = crawl(client, start_urls(), limit=3000)

    problems = [p for path, body in result.bodies.items() for p in problems_in(path, body, result.content_types[path])]
    assert problems == []
    # Every planted story was reached and rendered, so every field was checked.
    fetched = set(result.fetched)
    for article in hostile_site:
        with translation.override(article.language):
            assert article.get_absolute_url() in fetched, article.title
    assert not [path for path, status in result.fetched.items() if status >= 500]


def test_no_payload_runs_from_search_queries_or_url_parameters(client, hostile_site):
    problems, server_errors = [], []
    for url in reader_urls_with_hostile_parameters():
        response = client.get(url)
        if response.status_code >= 500:
            server_errors.append(url)
        problems += page_problems(url, response)

    assert problems == []
    assert server_errors == []


def test_payloads_are_shown_as_text_not_dropped(client, hostile_site):
    # Escaping, not deleting: the headline reads exactly what the editor typed.
    article = hostile_site[0]
    with translation.override(article.language):
        html = client.get(article.get_absolute_url()).content.decode()

    assert "T0 &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_feed_channel_descriptions_are_text_too(client, hostile_site):
    problems = []
    for article in hostile_site[:8]:
        author, tag = article.authors.first(), article.tags.first()
        with translation.override(article.language):
            paths = [reverse("feeds:section-rss", kwargs={"slug": article.section.slug}),
                     reverse("feeds:author-rss", kwargs={"slug": author.slug}),
                     reverse("feeds:tag-rss", kwargs={"slug": tag.slug})]
        for path in paths:
            problems += feed_problems(client.get(path).content.decode(), path, channel=True)
    assert problems == []

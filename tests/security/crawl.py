"""A small crawler over the Django test client: every page a reader can reach."""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")
TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml", "application/json",
              "application/ld+json", "application/xhtml+xml")


class LinkParser(HTMLParser):
    """Every URL in href/src/srcset/content attributes (HTML) and <loc>/<link> text (XML)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._text_tag = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src", "action", "poster"):
                self.urls.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            elif name == "content" and value.startswith(("/", "http://testserver")):
                self.urls.append(value)
        self._text_tag = tag if tag in ("loc", "link", "id", "url") else None

    def handle_data(self, data):
        if self._text_tag and data.strip():
            self.urls.append(data.strip())

    def handle_endtag(self, tag):
        self._text_tag = None


@dataclass
class Crawl:
    fetched: dict[str, int] = field(default_factory=dict)  # path -> status
    bodies: dict[str, str] = field(default_factory=dict)  # path -> text of text responses
    content_types: dict[str, str] = field(default_factory=dict)  # path -> Content-Type of text responses


LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}


def our_hosts() -> set[str]:
    """The test client's names plus the Site's domain, which sitemaps and feeds use in absolute URLs."""
    from django.contrib.sites.models import Site

    return LOCAL_HOSTS | {Site.objects.get_current().domain}


def local_path(url: str, base: str, hosts=frozenset(LOCAL_HOSTS)) -> str | None:
    url, _ = urldefrag(urljoin(base, url.strip()))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIPPED_PREFIXES):
        return None
    return path


def links_in(body: str, content_type: str, base: str, hosts) -> list[str]:
    if content_type.startswith("text/plain"):  # robots.txt
        found = re.findall(r"^(?:Sitemap|Allow):\s*(\S+)", body, re.MULTILINE | re.IGNORECASE)
    else:
        parser = LinkParser()
        parser.feed(body)
        found = parser.urls
    return [path for url in found if (path := local_path(url, base, hosts))]


def crawl(client, start: list[str], *, limit: int = 5000) -> Crawl:
    result = Crawl()
    hosts = our_hosts()
    queue = deque(start)
    seen = set(start)
    while queue and len(result.fetched) < limit:
        path = queue.popleft()
        response = client.get(path)
        result.fetched[path] = response.status_code
        content_type = response.headers.get("Content-Type", "")
        if response.status_code in (301, 302, 307, 308):
            target = local_path(response.headers["Location"], f"http://testserver{path}", hosts)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200 or not content_type.startswith(TEXT_TYPES):
            continue
        body = b"".join(response).decode("utf-8", "replace") if response.streaming else response.content.decode(
            "utf-8", "replace"
        )
        result.bodies[path] = body
        result.content_types[path] = content_type
        for link in links_in(body, content_type, f"http://testserver{path}", hosts):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return result

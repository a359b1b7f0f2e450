"""Serve anonymous readers' pages from the cache, before any other middleware runs.

The outermost middleware: a hit costs one round trip to the shared cache (the content
version and the page in one ``get_many``) and, only when that version is not the one this
process last read from the database (or that was long ago), one small query
(``pagecache.version``). A miss runs the whole
stack, so the stored page carries every header the stack sets (security headers, CSP,
Vary); reader pages use no CSP nonce, so those headers are the same for every reader.

Who is cached: GET/HEAD requests without a session or messages cookie (so never
staff, previews or anyone mid-form), outside ``PAGECACHE_SKIP_PREFIXES``.
What is stored: only 200 responses that set no cookie (a form's CSRF cookie, a flash
message), say nothing against caching (previews send never-cache headers), carry no CSP
nonce, are not compressed, and vary on nothing the key does not cover. The key is the language,
scheme, host, path and query string.

A miss builds the page once per version: the first process takes a short lock in the shared
cache, and others that miss the same page meanwhile wait (up to ``PAGECACHE_BUILD_WAIT_SECONDS``)
for its stored copy instead of building their own.

Every page goes out with an ``ETag`` and ``Last-Modified`` (``304 Not Modified`` when
the reader's copy is current) and ``Cache-Control: public, max-age=0, s-maxage=N``:
browsers revalidate, a CDN may hold it N seconds, never past the page's own end here.

Each page is stored twice when it is built: as it is, and gzip-compressed (once, about 1 ms
for a home page; a quarter of the bytes). A hit fetches only the copy the client takes
(``Accept-Encoding``: the key ends in ``:gzip``) in the same single round trip and sends it
as stored: compressing costs a hit nothing, and a client without gzip pays no unpacking.
Every page says ``Vary: Accept-Encoding``; the compressed copy has the weak form of the
ETag (``W/"..."``), as Django's GZipMiddleware does, so either copy revalidates. A stored
page holds no secret (no cookie, no CSRF token, nobody signed in), so compressing it lets
BREACH learn nothing (docs/performance.md, "Page weight").
"""

import gzip
import hashlib
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from pagecache import conf
from pagecache import version as content
from pagecache.watch import next_scheduled_change

HEADER = "X-Page-Cache"
# Response headers a stored page may vary on: cookies that matter bypass the
# cache, compressed pages are not stored, and the key holds the language.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept-language"}
NOT_STORED_HEADERS = {"set-cookie", HEADER.lower(), "cache-control", "expires", "etag", "last-modified", "content-length"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
# Once per page built; higher levels take longer for pages hardly smaller (docs/performance.md).
GZIP_LEVEL = 6
GZIP_KEY_SUFFIX = ":gzip"
# A process building a page holds its lock at most this long (if it dies, the lock goes by itself);
# the others look for the stored copy this often.
BUILD_LOCK_SECONDS = 5
BUILD_POLL_SECONDS = 0.01
# Content types worth compressing (share images and other pictures are compressed already).
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml",
                "application/javascript", "image/svg+xml")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if conf.get("PAGECACHE_ENABLED") and is_anonymous_read(request) else None
        if key is None:
            response = self.get_response(request)
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and not response.has_header("Cache-Control"):
                # Rendered for someone signed in: a shared cache must never keep it.
                patch_cache_control(response, private=True)
            return response

        packed = accepts_gzip(request)
        stored_key = key + GZIP_KEY_SUFFIX if packed else key
        found = cache.get_many([content.VERSION_KEY, stored_key])
        version = content.current(found.get(content.VERSION_KEY))
        entry = found.get(stored_key)
        if is_current(entry, version):
            return serve(request, entry, HttpResponse(entry["content"], headers=entry["headers"]), hit=True)

        # One build per page and version: the first process to miss builds, the others that miss
        # meanwhile wait for its copy (a burst of readers after an edit, live-blog polls after a
        # new entry, reach the database once, not once per worker).
        lock = f"{key}:building:{version.counter}"
        if request.method == "GET" and not cache.add(lock, 1, BUILD_LOCK_SECONDS):
            entry = wait_for_build(stored_key, lock, version)
            if entry is not None:
                return serve(request, entry, HttpResponse(entry["content"], headers=entry["headers"]), hit=True)
            lock = None  # not ours to release
        try:
            return self.build(request, key, version, packed)
        finally:
            if lock is not None:
                cache.delete(lock)

    def build(self, request, key, version, packed):
        response = self.get_response(request)
        if request.method != "GET" or not storable(response):
            return response
        now = time.time()
        lifetime = page_lifetime(version)
        # Everything a hit sends is worked out here, once: a hit only adds the cache headers.
        patch_vary_headers(response, ("Accept-Encoding",))
        headers = {name: value for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS}
        body = response.content
        etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        plain = {
            "version": version.counter,
            "stored": now,
            "expires": now + lifetime,
            "etag": etag,
            "headers": {**headers, "Content-Length": str(len(body))},
            "content": body,
            **own_lifetimes(response),
        }
        compressible = response.get("Content-Type", "").startswith(COMPRESSIBLE)
        compressed = gzipped(plain, headers) if compressible else plain  # a share image: the same bytes
        if lifetime > 0:
            cache.set_many({key: plain, key + GZIP_KEY_SUFFIX: compressed}, lifetime)
        entry = compressed if packed else plain
        response.content = entry["content"]
        for name, value in entry["headers"].items():
            response[name] = value
        return serve(request, entry, response, hit=False)


def is_current(entry: dict | None, version: content.Version) -> bool:
    return bool(entry) and entry["version"] == version.counter and entry["expires"] > time.time()


def wait_for_build(stored_key: str, lock: str, version: content.Version) -> dict | None:
    """The page another process is building, once it is stored; None when that process gave up
    (a page that is not stored, an error, a crash: its lock is gone) or took longer than
    ``PAGECACHE_BUILD_WAIT_SECONDS``, and this one should build the page itself."""
    deadline = time.monotonic() + conf.get("PAGECACHE_BUILD_WAIT_SECONDS")
    while time.monotonic() < deadline:
        time.sleep(BUILD_POLL_SECONDS)
        found = cache.get_many([stored_key, lock])
        if is_current(found.get(stored_key), version):
            return found[stored_key]
        if lock not in found:
            return None
    return None


def gzipped(plain: dict, headers: dict) -> dict:
    """The stored page's compressed copy, with the weak form of its ETag (the same page in another
    encoding, RFC 9110 8.8.1, as Django's GZipMiddleware does)."""
    body = gzip.compress(plain["content"], compresslevel=GZIP_LEVEL, mtime=0)
    return {
        **plain,
        "etag": "W/" + plain["etag"],
        "headers": {**headers, "Content-Encoding": "gzip", "Content-Length": str(len(body))},
        "content": body,
    }


def accepts_gzip(request) -> bool:
    return ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None


def is_anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(conf.get("PAGECACHE_SKIP_PREFIXES"))):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request) -> str | None:
    ignored = set(conf.get("PAGECACHE_IGNORED_QUERY_PARAMS"))
    query = urlencode(sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
                             if k not in ignored))
    # Paths outside i18n_patterns (sitemaps) speak the language the request negotiates.
    language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(request)
    url = f"{language}|{request.scheme}://{request.get_host()}{request.path}?{query}"
    if len(url) > conf.get("PAGECACHE_MAX_KEY_LENGTH"):
        return None
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def page_lifetime(version: content.Version) -> int:
    """Seconds a page rendered now may be kept: the timeout, less if a scheduled story goes
    live sooner, and only a moment while a lagging read replica may still show old rows."""
    timeout = conf.get("PAGECACHE_TIMEOUT")
    settle = conf.get("PAGECACHE_SETTLE_SECONDS")
    if settle and time.time() - version.changed_at < settle:
        timeout = min(timeout, settle)
    next_change = next_scheduled_change()
    if next_change is not None:
        timeout = min(timeout, int(next_change.timestamp() - time.time()))
    return max(0, timeout)


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce is for one response only: a stored page would give every reader the same one
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= HARMLESS_VARY


def own_lifetimes(response) -> dict:
    """The ``max-age`` and ``s-maxage`` a view set itself, if any (seconds)."""
    found = {}
    for directive, name in (("max-age", "max_age"), ("s-maxage", "cdn_max_age")):
        match = re.search(rf"(?:^|,)\s*{directive}=(\d+)", response.get("Cache-Control", ""))
        if match:
            found[name] = int(match.group(1))
    return found


def serve(request, entry, response, *, hit: bool):
    remaining = max(0, int(entry["expires"] - time.time()))
    cdn = min(remaining, conf.get("PAGECACHE_CDN_MAX_AGE"), entry.get("cdn_max_age", remaining))
    browser = min(remaining, entry.get("max_age", 0))
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored"])
    response["Cache-Control"] = f"public, max-age={browser}, s-maxage={cdn}"
    response[HEADER] = "hit" if hit else "miss"
    return get_conditional_response(request, etag=entry["etag"], last_modified=int(entry["stored"]), response=response)

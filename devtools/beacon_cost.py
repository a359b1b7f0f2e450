"""What one read beacon costs the application, in this process: microseconds and queries.

Requests go through Django's WSGI handler and the whole middleware stack, as gunicorn's
worker would send them (no network, no test client). Three kinds: a new read (a reader not
seen today), a reload (the same reader again) and a bot. The roll-up that adds pending reads
to the counts runs at most once a minute per process; it is timed apart, per read it adds.
"""

import io
import ipaddress
import random
import statistics
import time

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext, override_settings

from audience import counting

BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _environ(path: str, *, method: str = "POST", address: str, agent: str) -> dict:
    return {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": address, "HTTP_USER_AGENT": agent,
        "CONTENT_LENGTH": "0", "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(),
        "SERVER_PROTOCOL": "HTTP/1.1",
    }


def measure(article_id: int, *, requests: int = 500, page: str = "/en/", request_signals: bool = True):
    """Median µs and queries per request of each kind, beside a cached page (a hit of ``page``)
    measured in turn with them, so a busy machine slows all alike; and the roll-up's µs per read.

    ``request_signals=False`` leaves the database connection open across requests whatever
    ``CONN_MAX_AGE`` says, as Django's test client does (a test's transaction lives on it)."""
    handler = WSGIHandler()
    if not request_signals:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
    try:
        return _measure(handler, article_id, requests=requests, page=page)
    finally:
        if not request_signals:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


def _measure(handler, article_id, *, requests, page):
    beacon = f"/reads/{article_id}"

    def call(path, method, address, agent, expected):
        status = []
        body = handler(_environ(path, method=method, address=address, agent=agent), lambda s, h, *a: status.append(s))
        b"".join(body)
        body.close()
        if not status[0].startswith(expected):
            raise RuntimeError(f"{path} answered {status[0]}")

    kinds = {
        # A reader never seen today, whatever earlier runs sent: a random address.
        "new read": lambda n: (beacon, "POST", str(ipaddress.IPv6Address(random.getrandbits(128))), BROWSER, "204"),
        "reload": lambda n: (beacon, "POST", "10.8.0.1", BROWSER, "204"),
        "bot": lambda n: (beacon, "POST", "10.7.0.1", BOT, "204"),
        "page hit": lambda n: (page, "GET", "10.6.0.1", BROWSER, "200"),
    }
    timings = {kind: [] for kind in kinds}
    queries = {kind: [] for kind in kinds}
    # Only the measured path: the once-a-minute roll-up is timed below.
    with override_settings(ALLOWED_HOSTS=["127.0.0.1"], SECURE_SSL_REDIRECT=False, DEBUG=False,
                           AUDIENCE_ROLLUP_SECONDS=3600, PAGECACHE_ENABLED=True):
        for kind in ("reload", "page hit", "page hit"):  # warm: connection, salt, the page stored
            call(*kinds[kind](0))
        for n in range(requests):
            for kind, request in kinds.items():
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    call(*request(n))
                    timings[kind].append(time.perf_counter() - started)
                queries[kind].append(len(captured))
        started = time.perf_counter()
        added = counting.roll_up()
        elapsed = time.perf_counter() - started
    found = {kind: {"µs": round(1e6 * statistics.median(timings[kind])), "queries": statistics.median(queries[kind])}
             for kind in kinds}
    found["roll-up"] = {"µs": round(1e6 * elapsed), "reads": added,
                        "µs per read": round(1e6 * elapsed / added, 1) if added else 0.0}
    return found

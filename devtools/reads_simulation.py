"""A simulated day of readers and a few bots, through the real read beacon.

Each story of each edition gets a popularity (a steep, Zipf-like curve: a few stories take
most readers). Every simulated reader has their own address and one of a handful of real
browsers; they open stories by popularity, some reload a story several times, and about one
in five has JavaScript off (so the page's ``<noscript>`` pixel is what counts them). Bots
(search engines, an AI crawler, a link preview, a script) fetch every story's page and its
beacon and pixel many times. Every request goes through the article page and the beacon
address that page names, as a browser's would: in this process with Django's test client, or
to a running server (``base_url``; start it with ``DJANGO_TRUSTED_PROXY_COUNT=1``: the reader's
address travels in ``X-Forwarded-For`` as a proxy would send it).

What readers did is known here, so the counts and the "Most read" order each edition should
show are too: ``expected``. ``audience.selectors.most_read`` (what the home page calls) says
what the site shows.
"""

import random
import re
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

from articles.models import Article

BROWSERS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 11; TECNO KG5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",  # also Tor Browser's
    "Opera/9.80 (Android; Opera Mini/36.2.2254/191.256; U; ps) Presto/2.12.423 Version/12.16",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "python-requests/2.32.3",
]
READ_URL = re.compile(r'data-read-url="([^"]+)"')
PIXEL_URL = re.compile(r'<noscript><img src="([^"]+)"')


@dataclass
class Day:
    """What the simulated readers did: each reader's distinct stories, and the requests sent."""

    readers: Counter = field(default_factory=Counter)  # story id -> distinct readers
    requests: int = 0
    bot_requests: int = 0
    reloads: int = 0


class Sender:
    """Sends a request as a browser would, in this process or to a running server."""

    def __init__(self, base_url: str = ""):
        self.base_url = base_url.rstrip("/")
        # In this process: as https to a host the settings allow (the test client's "testserver" is not).
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")), "localhost")
        self.client = None if base_url else Client(HTTP_HOST=host)

    def send(self, method: str, path: str, *, address: str, agent: str) -> tuple[int, str]:
        if self.client is not None:
            response = getattr(self.client, method.lower())(path, secure=True, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
            body = response.content.decode() if method == "GET" and response.status_code == 200 else ""
            return response.status_code, body
        request = urllib.request.Request(
            self.base_url + path, method=method, data=b"" if method == "POST" else None,
            headers={"User-Agent": agent, "X-Forwarded-For": address},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
            return response.status, response.read().decode() if method == "GET" else ""


def stories_by_edition(languages, per_edition: int) -> dict[str, list[Article]]:
    """The newest live stories of each edition: the ones the day's readers read."""
    return {
        language: list(Article.objects.published().filter(language=language).order_by("-published_at", "-id")[:per_edition])
        for language in languages
    }


def simulate(stories: dict[str, list[Article]], *, readers: int, sender: Sender, seed: int = 20) -> Day:
    rng = random.Random(seed)
    day = Day()
    for number, edition in enumerate(stories.values()):
        weights = [1 / (rank + 1) ** 1.3 for rank in range(len(edition))]
        for n in range(readers):
            address = f"10.{number}.{n // 250}.{n % 250 + 1}"  # one reader, one address
            agent = rng.choice(BROWSERS)
            javascript = rng.random() > 0.2
            opened = {rng.choices(edition, weights)[0] for _ in range(rng.randint(1, 4))}
            for story in opened:
                times = rng.choice([1, 1, 1, 2, 3, 10])  # a few reload, one in six ten times
                day.reloads += times - 1
                for _ in range(times):
                    _read(story, sender, day, address=address, agent=agent, javascript=javascript)
                day.readers[story.pk] += 1
    everything = [story for edition in stories.values() for story in edition]
    for agent in BOTS:
        for story in everything:
            for _ in range(3):
                _read(story, sender, day, address="192.0.2.10", agent=agent, javascript=True, bot=True)
                _read(story, sender, day, address="192.0.2.10", agent=agent, javascript=False, bot=True)
    return day


def _read(story, sender, day, *, address, agent, javascript, bot=False):
    url = story.get_absolute_url()
    status, html = sender.send("GET", url, address=address, agent=agent)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    beacon = (READ_URL if javascript else PIXEL_URL).search(html)
    if beacon is None:
        raise RuntimeError(f"{url} names no read beacon")
    status, _ = sender.send("POST" if javascript else "GET", beacon.group(1), address=address, agent=agent)
    if status != 204:
        raise RuntimeError(f"{beacon.group(1)} answered {status}")
    day.requests += 2
    if bot:
        day.bot_requests += 2


def expected(stories: dict[str, list[Article]], day: Day, *, limit: int) -> dict[str, list[tuple[Article, int]]]:
    """Each edition's "Most read" as the simulated readers made it: distinct readers per story,
    newest first among equals (as ``audience.selectors.most_read``)."""
    order = {}
    for language, edition in stories.items():
        read = [story for story in edition if day.readers[story.pk]]
        read.sort(key=lambda story: (-day.readers[story.pk], -story.published_at.timestamp(), -story.pk))
        order[language] = [(story, day.readers[story.pk]) for story in read[:limit]]
    return order

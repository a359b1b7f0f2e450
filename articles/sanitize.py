"""The one allowlist for HTML that editors and the importer may store.

Everything that ends up in ``Article.body`` passes through ``clean_body_html``
on save, whatever sent it: the admin's editor, a forged POST or the importer.
"""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr", "sub", "sup",
}
# An empty ``<figure data-photo="id">`` is a photo of the library (photos/body.py draws it).
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "figure": {"data-photo"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}



def _reference_only(tag: str, attribute: str, value: str) -> str | None:
    """A photo reference is a number: anything else is dropped."""
    if attribute == "data-photo":
        return value if value.isdigit() and len(value) < 12 else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_reference_only,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


_PHOTO_WITH_CONTENT = re.compile(r'<figure data-photo="(\d+)">.*?</figure>', re.DOTALL)


def clean_body_html(html: str) -> str:
    cleaned = _cleaner.clean(html or "").strip()
    if "data-photo" in cleaned:
        # A reference stands alone: whatever was put inside it goes (and a second pass
        # closes what that cut left open).
        cleaned = _cleaner.clean(_PHOTO_WITH_CONTENT.sub(r'<figure data-photo="\1"></figure>', cleaned)).strip()
    # The editor's idea of "empty" is one empty paragraph.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned

"""The one allowlist for HTML that editors and the importer may store.

Everything that ends up in ``Article.body`` passes through ``clean_body_html``
on save, whatever sent it: the admin's editor, a forged POST or the importer.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_body_html(html: str) -> str:
    cleaned = _cleaner.clean(html or "").strip()
    # The editor's idea of "empty" is one empty paragraph.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned

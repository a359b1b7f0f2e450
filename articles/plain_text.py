"""A story body as an editor reads it when comparing two versions: a line a paragraph, no markup.

A comparison of the raw HTML showed the tags, and in a right-to-left story drew them backwards
("<p>/<p>"). Photos and embeds in the body are only references, so they get a line that names them:
otherwise a swapped photo would compare as no change at all.
"""

import re
from html import unescape

from django.utils.html import strip_tags

_FIGURE = re.compile(r'<figure\b[^>]*\bdata-(photo|embed)="([^"]*)"[^>]*>\s*</figure>', re.IGNORECASE)
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figure|figcaption|pre)>|<br\s*/?>", re.IGNORECASE)


def as_lines(body_html: str) -> str:
    text = _FIGURE.sub(lambda m: f"\n[{'photo' if m[1].lower() == 'photo' else 'video or post'} {m[2]}]\n", body_html or "")
    lines = (unescape(line).strip() for line in strip_tags(_BLOCK_END.sub("\n", text)).splitlines())
    return "\n".join(line for line in lines if line)

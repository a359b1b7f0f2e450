"""The framework floor: the cheapest page Django can serve through our middleware.

Enabled only when settings.BENCH_FLOOR_ENABLED (env NEWSROOM_BENCH_FLOOR=1),
so production never exposes it; the page cache skips /_bench/.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

PAGE_BYTES = 40 * 1024
_HEAD = b"<!doctype html><html lang=en><meta charset=utf-8><title>Floor</title><body>\n"
_TAIL = b"</body></html>\n"
_PARAGRAPH = b"<p>" + b"A fixed paragraph of text, the size of a news page. " * 3 + b"</p>\n"
_body = _PARAGRAPH * ((PAGE_BYTES - len(_HEAD) - len(_TAIL)) // len(_PARAGRAPH) + 1)
FLOOR_PAGE = _HEAD + _body[: PAGE_BYTES - len(_HEAD) - len(_TAIL)] + _TAIL


@require_safe
def floor(request):
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")

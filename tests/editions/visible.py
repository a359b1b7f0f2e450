"""The text a reader sees on a page: no attributes, scripts or styles, and optionally
without the elements a test sets aside (the donation numbers a reader copies)."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    def __init__(self, *, skip_classes=(), within=None):
        super().__init__(convert_charrefs=True)
        self.skip_classes = set(skip_classes)
        self.within = within  # only the text inside an element with this class, if given
        self.stack = []  # for each open element: (tag, skipped, inside)
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        parent_skipped, parent_inside = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, self.within is None)
        skipped = parent_skipped or tag in {"script", "style", "template", "title"} or bool(classes & self.skip_classes)
        inside = parent_inside or (self.within in classes)
        self.stack.append((tag, skipped, inside))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                return

    def handle_data(self, data):
        skipped, inside = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, self.within is None)
        if inside and not skipped and data.strip():
            self.chunks.append(data.strip())


def visible_text(html: str, *, skip_classes=(), within=None) -> str:
    parser = VisibleText(skip_classes=skip_classes, within=within)
    parser.feed(html)
    return "\n".join(parser.chunks)

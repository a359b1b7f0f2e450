"""Parse an old page dump into a ParsedDocument, or say why not. Pure Python, no Django.

The dump's shape (see seeds/): the headline on the first line; optionally the
old page's view counter (ASCII or Eastern Arabic/Persian digits) and a date on
lines of their own; the story, with subheadings (short lines without final
punctuation that introduce paragraphs) and bullet lines; then the site's
boilerplate footer, recognised by its phrases and bank-detail lines wherever
it starts, and kept out of the story.

The lead paragraph becomes the standfirst and is not repeated in the body,
because the article page prints the standfirst above the body. A story of one
paragraph keeps it in both, so the body is never empty.
"""

from __future__ import annotations

import datetime
import html
import re

from importer import decoding
from importer.document import (
    Block,
    Bullet,
    BulletList,
    FooterDetails,
    Paragraph,
    ParsedDocument,
    Reason,
    Rejection,
    Subheading,
)
from importer.language import detect_language

MAX_HEADLINE_LENGTH = 255  # Article.title's limit
MAX_VIEW_COUNT = 2**31 - 1  # Article.view_count is a PositiveIntegerField

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"  # ASCII, Arabic-Indic, Eastern Arabic (Persian)
_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_VIEW_COUNT = re.compile(
    rf"^(?:views?:? ?)?([{_DIGITS}]{{1,3}}(?:[,.٬ ][{_DIGITS}]{{3}})+|[{_DIGITS}]{{1,10}})(?: views?)?$", re.IGNORECASE
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = [
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"),
    re.compile(rf"{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (?P<year>\d{{4}})", re.IGNORECASE),
]
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|date)(?: on)?:? )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
    r"(?P<date>[^|]{8,30}?)(?:,? (?:at )?\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?)?(?: by .{1,80})?$",
    re.IGNORECASE,
)

_BULLET = re.compile(r"^[•\-*–·●▪◦‣] +(?P<text>\S.*)$")
_BULLET_LABEL = re.compile(r"^(?P<label>[^:.!?]{1,60}): (?P<text>\S.*)$")
_SENTENCE_END = tuple(".,;:!?…\"'”’»)]")
MAX_SUBHEADING_LENGTH = 100
MAX_SUBHEADING_WORDS = 12
MAX_LABEL_WORDS = 6

# The footer: lines only the old site's boilerplate has. Between two of them up to
# _FOOTER_GAP other lines (the sister site's name, "Support ...", the appeal) are footer too.
_FOOTER_MARKERS = [
    re.compile(r"^our (?:pashto|dari|pashto[- ]dari|english) website$", re.IGNORECASE),
    re.compile(r"^donate(?: here| now| today)?!?$", re.IGNORECASE),
    re.compile(r"^comments are closed\.?$", re.IGNORECASE),
    re.compile(r"^if there (?:was|were) ever a time to join us", re.IGNORECASE),
]
_FOOTER_GAP = 3
_ACCOUNT_LINE = re.compile(r"\b(?:AC|A/C|account(?: number| no\.?)?)\b ?(?:#|:|no\.?)? ?(?P<number>\d[\d .]{5,}\d)\s*$", re.IGNORECASE)
_IBAN_LINE = re.compile(
    r"\b(?:IBAN|international payments?)\b.*?(?P<iban>[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30})\s*$", re.IGNORECASE
)
_VIPPS_LINE = re.compile(r"^vipps\b:? ?(?:#|no\.?|number:?)? ?(?P<number>\d[\d ]{2,}\d)$", re.IGNORECASE)
_SUPPORT_LINE = re.compile(r"^support (?:the )?(?P<organisation>[^.!?:]{2,80})$", re.IGNORECASE)


def parse(data: bytes | str) -> ParsedDocument | Rejection:
    """Bytes as read from disk (or already decoded text) to a document or a rejection. Never raises."""
    if isinstance(data, bytes):
        text = decoding.decode(data)
        if isinstance(text, Rejection):
            return text
    else:
        text = data
        if len(text.encode("utf-8", errors="surrogatepass")) > decoding.MAX_BYTES:
            return Rejection(Reason.TOO_LARGE)
    text = decoding.normalise(text)
    if not text:
        return Rejection(Reason.EMPTY)
    return _parse_lines(text.split("\n"), decoding.content_hash(text))


def _parse_lines(lines: list[str], content_hash: str) -> ParsedDocument | Rejection:
    title = lines[0].strip()
    if problem := _headline_problem(title):
        return Rejection(Reason.NO_HEADLINE, problem)

    view_count, published_on, body_start = _read_header(lines, 1)
    footer_start = _find_footer(lines, body_start)
    blocks = _blocks(lines[body_start:footer_start])
    if not blocks:
        return Rejection(Reason.NO_BODY)

    standfirst = ""
    if isinstance(blocks[0], Paragraph):
        standfirst = blocks[0].text
        if len(blocks) > 1:
            blocks = blocks[1:]
    document_text = "\n".join([title, standfirst, *(_block_text(block) for block in blocks)])
    return ParsedDocument(
        title=title,
        standfirst=standfirst,
        blocks=tuple(blocks),
        language=detect_language(document_text),
        content_hash=content_hash,
        view_count=view_count,
        published_on=published_on,
        footer=_footer_details(lines[footer_start:]),
    )


def _headline_problem(line: str) -> str:
    """Why the first line cannot be the headline ("" when it can)."""
    if len(line) > MAX_HEADLINE_LENGTH:
        return f"the first line has {len(line)} characters, a headline at most {MAX_HEADLINE_LENGTH}"
    if not any(char.isalpha() for char in line):
        return "the first line has no words"
    if _BULLET.match(line):
        return "the first line is a bullet"
    if any(marker.match(line) for marker in _FOOTER_MARKERS):
        return "the first line is the site's footer"
    return ""


def _read_header(lines: list[str], start: int) -> tuple[int, datetime.date | None, int]:
    """The view counter and date lines right under the headline, in either order."""
    view_count, published_on = 0, None
    seen_count = False
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if not seen_count and (count := _view_count(line)) is not None:
            view_count, seen_count = count, True
        elif published_on is None and (date := _date(line)) is not None:
            published_on = date
        else:
            break
        i += 1
    return view_count, published_on, i


def _view_count(line: str) -> int | None:
    match = _VIEW_COUNT.match(line)
    if not match:
        return None
    digits = re.sub(r"[,.٬ ]", "", match.group(1)).translate(_TO_ASCII_DIGITS)
    count = int(digits)
    return count if count <= MAX_VIEW_COUNT else None


def _date(line: str) -> datetime.date | None:
    match = _DATE_LINE.match(line)
    if not match:
        return None
    candidate = match.group("date")
    for form in _DATE_FORMS:
        parts = form.fullmatch(candidate)
        if not parts:
            continue
        groups = parts.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _MONTHS.get(groups["month"].lower())
        try:
            return datetime.date(int(groups["year"]), month or 0, int(groups["day"]))
        except ValueError:
            return None
    return None


# -- footer -------------------------------------------------------------------------------


def _is_footer_marker(line: str) -> bool:
    return (
        any(marker.match(line) for marker in _FOOTER_MARKERS)
        or bool(_ACCOUNT_LINE.search(line) or _IBAN_LINE.search(line) or _VIPPS_LINE.match(line))
    )


def _find_footer(lines: list[str], body_start: int) -> int:
    """Index of the footer's first line (len(lines) when there is none).

    Walks up from the end: marker lines are footer, and so are up to
    _FOOTER_GAP other lines between markers. More story-like lines than that
    in a row means the story has begun.
    """
    footer_start = len(lines)
    gap = 0
    for i in range(len(lines) - 1, body_start - 1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if _is_footer_marker(line):
            footer_start, gap = i, 0
        else:
            gap += 1
            if gap > _FOOTER_GAP:
                break
    return footer_start


def _footer_details(lines: list[str]) -> FooterDetails | None:
    organisation, account, iban, vipps = "", None, None, None
    for raw in lines:
        line = raw.strip()
        if not organisation and (match := _SUPPORT_LINE.match(line)) and len(line.split()) <= 8:
            organisation = match.group("organisation").strip()
        elif iban is None and (match := _IBAN_LINE.search(line)):
            iban = match.group("iban").strip()
        elif vipps is None and (match := _VIPPS_LINE.match(line)):
            vipps = match.group("number").strip()
        elif account is None and (match := _ACCOUNT_LINE.search(line)):
            account = match.group("number").strip()
    details = FooterDetails(organisation=organisation, account_number=account, iban=iban, vipps=vipps)
    return details if (organisation or details.has_payment_details) else None


# -- story blocks -------------------------------------------------------------------------


def _blocks(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs, subheadings and bullet lists.

    A blank line ends a paragraph; lines inside one run are a hard-wrapped
    paragraph, unless the first is a subheading (the seed puts a subheading
    directly above its paragraph). Bullets separated by blank lines stay in
    one list.
    """
    runs = _runs(lines)
    blocks: list[Block] = []
    bullets: list[Bullet] = []

    def flush_bullets():
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets.clear()

    for run_index, run in enumerate(runs):
        j = 0
        while j < len(run):
            line = run[j].strip()
            if bullet := _BULLET.match(line):
                bullets.append(_bullet(bullet.group("text")))
                j += 1
                # Indented lines under a bullet continue it.
                while j < len(run) and run[j][:1] == " " and not _BULLET.match(run[j].strip()):
                    bullets[-1] = _bullet(f"{_bullet_source(bullets[-1])} {run[j].strip()}")
                    j += 1
                continue
            flush_bullets()
            next_in_run = run[j + 1].strip() if j + 1 < len(run) else None
            has_more = next_in_run is not None or run_index + 1 < len(runs)
            if _is_subheading(line) and has_more and not _continues(next_in_run):
                blocks.append(Subheading(line))
                j += 1
                continue
            paragraph = [line]
            j += 1
            while j < len(run) and not _BULLET.match(run[j].strip()) and not _starts_new_block(run, j):
                paragraph.append(run[j].strip())
                j += 1
            blocks.append(Paragraph(" ".join(paragraph)))
    flush_bullets()
    return _without_trailing_subheading(blocks)


def _runs(lines: list[str]) -> list[list[str]]:
    runs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _is_subheading(line: str) -> bool:
    return (
        len(line) <= MAX_SUBHEADING_LENGTH
        and len(line.split()) <= MAX_SUBHEADING_WORDS
        and not line.endswith(_SENTENCE_END)
        and line[:1].isalpha()
        and not line[:1].islower()
    )


def _continues(next_line: str | None) -> bool:
    """A line starting in lower case carries on the sentence above it."""
    return bool(next_line) and next_line[:1].islower()


def _starts_new_block(run: list[str], j: int) -> bool:
    """Inside a run: a subheading after a finished sentence starts a new block."""
    previous, line = run[j - 1].strip(), run[j].strip()
    following = run[j + 1].strip() if j + 1 < len(run) else None
    return previous.endswith(_SENTENCE_END) and _is_subheading(line) and following is not None and not _continues(following)


def _without_trailing_subheading(blocks: list[Block]) -> list[Block]:
    """A subheading needs something under it; a last one is a short paragraph."""
    if blocks and isinstance(blocks[-1], Subheading):
        blocks[-1] = Paragraph(blocks[-1].text)
    return blocks


def _bullet(text: str) -> Bullet:
    labelled = _BULLET_LABEL.match(text)
    if labelled and len(labelled.group("label").split()) <= MAX_LABEL_WORDS:
        return Bullet(text=labelled.group("text"), label=labelled.group("label").strip())
    return Bullet(text=text)


def _bullet_source(bullet: Bullet) -> str:
    return f"{bullet.label}: {bullet.text}" if bullet.label else bullet.text


def _block_text(block: Block) -> str:
    if isinstance(block, BulletList):
        return "\n".join(_bullet_source(item) for item in block.items)
    return block.text


# -- HTML ---------------------------------------------------------------------------------


def render_body_html(blocks) -> str:
    """Safe HTML for the blocks: every character of the source text is escaped, so
    "<script>" in a story is shown as written and never runs."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_escape(block.text)}</p>")
        elif isinstance(block, Subheading):
            parts.append(f"<h2>{_escape(block.text)}</h2>")
        else:
            items = "".join(
                f"<li><strong>{_escape(item.label)}:</strong> {_escape(item.text)}</li>" if item.label
                else f"<li>{_escape(item.text)}</li>"
                for item in block.items
            )
            parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)

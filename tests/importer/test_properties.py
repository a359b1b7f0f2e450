"""Whatever lands in the seeds folder, the parser answers with a document or a clear rejection, never an exception."""

import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer.decoding import normalise
from importer.document import ParsedDocument, Reason, Rejection
from importer.parser import parse, render_body_html

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like the dumps: headlines, digits of three scripts, bullets, footer phrases, markup.
_pieces = st.sampled_from([
    "\n", "\r\n", "\r", "\n\n", "  • ", "- ", "* ", "– ", "Label: ", "۳۳", "1,234", "٤٥", "Comments are closed.",
    "Our Pashto-Dari Website", "Donate Here", "Vipps: #557320", "DNB Bank AC # 0530 2294668",
    "Account for international payments: NO15 0530 2294 668", "<script>alert(1)</script>", "&amp;", "\u00a0",
    "\t", "\ufeff", "\u200c", "Russia", "Pakistan", "پاکستان", "ټ", "Strategic Implications", "The end.", "14 May 2024",
])
dump_like_text = st.lists(st.one_of(_pieces, st.text(max_size=30)), max_size=40).map("".join)


def check(result):
    assert isinstance(result, ParsedDocument | Rejection)
    if isinstance(result, Rejection):
        assert isinstance(result.reason, Reason) and str(result)
        return
    assert result.title and "\n" not in result.title and len(result.title) <= 255
    assert result.blocks
    assert result.language in {"en", "ps", "fa-af"}
    assert 0 <= result.view_count < 2**31
    assert len(result.content_hash) == 64
    body = render_body_html(result.blocks)
    # Every "<" in the body is one of ours: the source text's markup arrives escaped.
    assert set(_tags(body)) <= {"p", "/p", "h2", "/h2", "ul", "/ul", "li", "/li", "strong", "/strong"}


def _tags(body: str):
    for chunk in body.split("<")[1:]:
        yield chunk.split(">", 1)[0]


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_a_rejection(data):
    check(parse(data))


@FAST
@given(dump_like_text)
def test_any_dump_like_text_gives_a_document_or_a_rejection(text):
    check(parse(text))
    check(parse(text.encode("utf-8")))


@FAST
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_any_text_in_any_supported_encoding_never_raises(text, encoding):
    check(parse(text.encode(encoding, errors="replace")))


@FAST
@given(
    headline=st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=80)
    .filter(lambda s: any(c.isalpha() for c in s)).map(str.strip).filter(bool),
    paragraph=st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=200)
    .map(str.strip).filter(lambda s: any(c.isalpha() for c in s)),
)
def test_a_headline_and_a_paragraph_always_import_with_their_words_escaped(headline, paragraph):
    result = parse(f"{headline}\n\n{paragraph}\n\n{paragraph} again.\n")
    if isinstance(result, Rejection):
        # Only a headline that looks like a bullet or a footer line may be refused.
        assert result.reason == Reason.NO_HEADLINE
        return
    # The words survive (as normalised text), whatever HTML they sit in.
    shown = html.unescape(render_body_html(result.blocks)) + result.standfirst
    assert normalise(paragraph) in shown

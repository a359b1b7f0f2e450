"""The parser on the real seed and on small committed samples, good and broken."""

import datetime

import pytest

from importer.document import BulletList, Paragraph, ParsedDocument, Reason, Rejection, Subheading
from importer.parser import parse, render_body_html
from tests.importer.conftest import sample

FOOTER_WORDS = ["Pashto-Dari", "دعوت", "Donate", "Support Dawat", "contribution", "DNB", "NO15", "Vipps", "Comments are closed"]


@pytest.fixture
def seed(seed_bytes) -> ParsedDocument:
    document = parse(seed_bytes)
    assert isinstance(document, ParsedDocument), document
    return document


def test_the_seed_keeps_its_headline_and_view_count(seed):
    assert seed.title == (
        "Russia Denies Mediating Pakistan’s Ties with India and Afghanistan, Stresses Bilateral Resolution"
    )
    assert seed.view_count == 33
    assert seed.language == "en"


def test_the_seed_lead_paragraph_is_the_standfirst_and_not_repeated_in_the_body(seed):
    assert seed.standfirst.startswith("Russia has clarified that it is not acting as a mediator")
    assert seed.standfirst.endswith("through direct bilateral engagement.")
    assert "Russia has clarified" not in render_body_html(seed.blocks)


def test_the_seed_has_exactly_three_subheadings_in_order(seed):
    assert [block.text for block in seed.blocks if isinstance(block, Subheading)] == [
        "Official Position and Historical Context",
        "Deepening Russia-Pakistan Ties",
        "Strategic Implications",
    ]


def test_the_seed_bullets_become_one_list_with_bold_labels(seed):
    body = render_body_html(seed.blocks)
    assert body.count("<ul>") == 1
    assert body.count("<li>") == 3
    assert "<li><strong>Industry &amp; Energy:</strong> Major projects include" in body
    assert "<li><strong>Trade &amp; Logistics:</strong> The two nations" in body
    assert "<li><strong>Healthcare:</strong> Collaboration in the pharmaceutical sector" in body
    assert "•" not in body


def test_the_seed_body_has_no_footer_text(seed):
    body = render_body_html(seed.blocks)
    for words in FOOTER_WORDS:
        assert words not in body
        assert words not in seed.standfirst
    assert body.endswith("economic and geopolitical interests in the region.</p>")


def test_the_seed_footer_gives_the_donation_details(seed):
    assert seed.footer.organisation == "Dawat Media Center"
    assert seed.footer.account_number == "0530 2294668"
    assert seed.footer.iban == "NO15 0530 2294 668"
    assert seed.footer.vipps == "557320"


def test_the_seed_body_is_the_expected_sequence_of_blocks(seed):
    kinds = [type(block).__name__ for block in seed.blocks]
    assert kinds == ["Subheading", "Paragraph", "Subheading", "Paragraph", "Paragraph", "BulletList", "Subheading", "Paragraph"]


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", Reason.EMPTY),
        ("whitespace_only.txt", Reason.EMPTY),
        ("binary.png", Reason.BINARY),
        ("no_headline.txt", Reason.NO_HEADLINE),
        ("no_body.txt", Reason.NO_BODY),
    ],
)
def test_broken_files_are_rejected_with_the_reason(name, reason):
    result = parse(sample(name))
    assert isinstance(result, Rejection)
    assert result.reason == reason


def test_a_file_over_5_mb_is_rejected():
    big = b"A Headline\n\n" + b"A paragraph of text that goes on.\n\n" * 160_000
    assert len(big) > 5 * 1024 * 1024
    result = parse(big)
    assert isinstance(result, Rejection) and result.reason == Reason.TOO_LARGE
    assert str(result).startswith("file over 5 MB")


def test_a_headline_alone_has_no_body():
    assert parse(b"Only a Headline\n\n42\n").reason == Reason.NO_BODY


@pytest.mark.parametrize(
    "name", ["utf8_bom.txt", "utf16_bom.txt", "crlf.txt", "cr_only.txt", "spaces_and_tabs.txt"]
)
def test_encodings_line_ends_and_odd_spaces_give_the_same_document(name):
    expected = parse(sample("crlf.txt"))
    document = parse(sample(name))
    assert document.title == "Kabul Traders Brace for New Border Rules"
    assert document.view_count == 125
    assert document.blocks == expected.blocks
    assert document.standfirst == expected.standfirst
    # Same words, same hash: a re-encoded copy is a duplicate, not a new article.
    assert document.content_hash == expected.content_hash


def test_windows_1252_is_decoded_as_such():
    document = parse(sample("cp1252.txt"))
    assert document.title == "Café Owners in Herat “Cautiously Hopeful”"
    assert document.standfirst == "The owners of Herat’s cafés said trade had picked up — slowly — since spring."
    assert document.blocks[1].text == "A cup of tea costs ½ more than last year, one owner said."


def test_literal_markup_is_escaped_text():
    document = parse(sample("markup.txt"))
    body = render_body_html(document.blocks)
    assert "<script" not in body and "<img" not in body and "<a " not in body
    assert "&lt;a href=\"javascript:alert(4)\"&gt;click&lt;/a&gt;" in body
    assert "Tom &amp; Jerry" in body
    # Title and standfirst are plain text; templates escape them.
    assert document.title == "Reporters Find <script>alert('headline')</script> in Old Pages"
    assert "<img src=x onerror=alert(2)>" in document.standfirst


def test_eastern_arabic_digits_and_thousands_separators_count_as_views():
    assert parse(sample("dari.txt")).view_count == 1234
    assert parse(sample("pashto.txt")).view_count == 45
    assert parse(sample("dated_short_footer.txt")).view_count == 1204
    assert parse("Headline\n\n۱٬۲۳۴\n\nText of the story.".encode()).view_count == 1234


def test_a_date_line_under_the_headline_is_the_publication_date():
    document = parse(sample("dated_short_footer.txt"))
    assert document.published_on == datetime.date(2024, 5, 14)
    assert parse(b"Headline\n\nNovember 27, 2025\n\nThe story.").published_on == datetime.date(2025, 11, 27)
    assert parse(b"Headline\n\n2025-02-30\n\nThe story.").published_on is None  # no such day: body text


def test_a_short_footer_is_removed_and_has_no_donation_details():
    document = parse(sample("dated_short_footer.txt"))
    assert document.footer is None
    assert document.blocks == (Paragraph("The United Nations said more than 300 people had died."),)


def test_a_page_without_footer_keeps_its_last_paragraph():
    document = parse(b"Headline\n\nFirst paragraph.\n\nSecond paragraph about support for farmers.\n")
    assert document.blocks == (Paragraph("Second paragraph about support for farmers."),)
    assert document.footer is None


def test_a_one_paragraph_story_keeps_it_in_the_body_too():
    document = parse(b"Headline\n\nThe only paragraph.\n")
    assert document.standfirst == "The only paragraph."
    assert document.blocks == (Paragraph("The only paragraph."),)


@pytest.mark.parametrize("marker", ["•", "-", "*", "–"])
def test_every_bullet_marker_makes_a_list_item(marker):
    document = parse(f"Headline\n\nLead.\n\n{marker} one\n  {marker} Two: second\n\nAfter.".encode())
    assert document.blocks[0] == BulletList(items=document.blocks[0].items)
    assert [(item.label, item.text) for item in document.blocks[0].items] == [("", "one"), ("Two", "second")]


def test_hard_wrapped_lines_join_into_one_paragraph():
    document = parse(b"Headline\n\nLead.\n\nThe minister said that\nthe talks would resume\nnext week.\n")
    assert document.blocks == (Paragraph("The minister said that the talks would resume next week."),)


def test_a_short_line_ending_in_punctuation_is_a_paragraph_not_a_subheading():
    document = parse(b"Headline\n\nLead.\n\nThe plan includes:\n\nNo More Delays\nThe work starts now.\n")
    assert document.blocks[0] == Paragraph("The plan includes:")
    assert document.blocks[1] == Subheading("No More Delays")


def test_a_last_short_line_is_a_paragraph_not_a_subheading():
    document = parse(b"Headline\n\nLead.\n\nMore text here.\n\nThe End\n")
    assert document.blocks[-1] == Paragraph("The End")


def test_pashto_and_dari_are_told_apart():
    assert parse(sample("pashto.txt")).language == "ps"
    assert parse(sample("dari.txt")).language == "fa-af"
    assert parse(sample("markup.txt")).language == "en"


@pytest.mark.parametrize(
    "text, detail",
    [
        ("۳۳\n\nStory.", "the first line has no words"),
        ("• A bullet\n\nStory.", "the first line is a bullet"),
        ("Comments are closed.\n\nStory.", "the first line is the site's footer"),
        ("A" * 300 + "\n\nStory.", "the first line has 300 characters, a headline at most 255"),
    ],
)
def test_no_headline_says_what_is_wrong_with_the_first_line(text, detail):
    assert str(parse(text.encode())) == f"no headline ({detail})"

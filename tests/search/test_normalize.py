import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from search.normalize import normalize
from search.query import parse


def test_arabic_letter_forms_become_persian_ones():
    assert normalize("يك") == "یک"
    assert normalize("علي") == "علی"


def test_tatweel_harakat_and_zero_width_characters_are_removed():
    assert normalize("کتـــاب") == "کتاب"
    assert normalize("كِتَابٌ") == "کتاب"
    assert normalize("می\u200cروم") == "میروم"


def test_presentation_forms_are_folded_by_nfkc():
    assert normalize("\ufedb\ufe98\ufe8e\ufe8f") == "کتاب"


def test_nul_cannot_come_from_text():
    assert normalize("ab\x00c") == "abc"


def test_the_query_is_rebuilt_from_words_only():
    parsed = parse('kabul "peace talks" -football or "herat')

    assert parsed.websearch() == 'kabul "peace talks" -football or herat'


def test_operators_and_punctuation_never_reach_the_database_parser():
    parsed = parse("a & b | !c <-> d:* (e)")

    assert parsed.websearch() == "a b c d e"


def test_only_exclusions_or_only_punctuation_is_an_empty_query():
    assert parse("-kabul -herat").is_empty
    assert parse("!!! ??? \"\"").is_empty
    assert parse("").is_empty


@given(
    st.lists(st.sampled_from(["Kabul", "kabuli", "KABUL", "wheat", "Wheats", "the", "کابل", "کابلی", "prices",
                              "caprices", "x", "İstanbul", ",", "\n"]), max_size=60),
    st.lists(st.sampled_from(["kabul", "wheat", "prices", "کابل", "istanbul", "the"]), min_size=1, max_size=3),
)
def test_a_snippet_starts_at_the_same_first_match_as_a_search_of_the_whole_text(tokens, words):
    from search import snippets

    text = " ".join(tokens)
    stems = [snippets._stem(w) for w in sorted(set(words), key=len, reverse=True)]
    pattern = re.compile("|".join(map(snippets._word_pattern, stems)), re.IGNORECASE)
    fast, plain = snippets._first_match(pattern, text, stems), pattern.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


def _normalize_the_long_way(text):
    """What normalize did before its ASCII shortcut: every step, on every text."""
    import unicodedata

    from search import normalize as module

    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(module._LETTER_MAP)
    return re.sub(r"\s+", " ", module._DIACRITICS.sub("", text)).strip()


@given(st.text(alphabet=st.characters(codec="ascii")) | st.text())
def test_the_ascii_shortcut_and_the_split_give_what_every_step_gives(text):
    assert normalize(text) == _normalize_the_long_way(text)


@given(
    st.lists(st.sampled_from(["Kabul", "wheat", "prices", "کابل", "the", "a", "relationship", "x" * 30, ",",
                              "می\u200cگویند", "وايي", "کِتـــابٌ"]),
             min_size=40, max_size=200),  # past the snippet's 240 characters
    st.sampled_from(["kabul", "wheat", "کابل", "nothing", "میگویند", "وایی", "کتاب"]),
)
def test_a_snippet_holds_whole_words_and_its_first_match(tokens, word):
    from search.snippets import snippet as make_snippet

    text = " ".join(tokens)
    snippet = str(make_snippet(text, [word]))
    body = snippet.removeprefix("… ").removesuffix(" …").replace("<mark>", "").replace("</mark>", "")
    start = text.find(body)
    assert start >= 0
    end = start + len(body)
    assert start == 0 or text[start - 1] == " "  # begins at a word
    assert end == len(text) or text[end] == " "  # ends at a word: "relationshi …" was cut mid-word
    assert snippet.endswith(" …") == (end < len(text))
    for marked in re.findall("<mark>(.*?)</mark>", snippet):
        assert normalize(marked).lower() == word  # the whole word, as the story spells it


# Letters, marks, joiners and compatibility forms of the scripts we publish in, and a few others.
PUBLISHED_SCRIPTS = st.text(
    alphabet=st.sampled_from(
        "abc ABC é\u0301\n\t\xa0…ﬁ’"  # Latin, a combining acute, NBSP, an ellipsis, a ligature
        "کابلهراتمیگویندوايیيكىئأإآا\u0654\u0655ټډړښږځڅګڼېۍ"  # Arabic, Persian and Pashto letters
        "\u064b\u064e\u0650\u0651\u0652\u0670\u0640\u200c\u200d\u200e\u200f\u00ad\ufeff\x00"  # marks, tatweel, joiners
        "\ufedb\ufe98\ufe8e\ufe8f\ufefb\ufdf2۱۲٣"  # presentation forms, lam-alef and Allah ligatures, digits
    )
)


# The scripts we publish in only: NFKC also joins a few pairs whose second character is no
# combining mark in scripts we do not (Hangul jamo, Oriya's two-part vowels), which the fold
# takes one by one; there it only loses a highlight.
@given(PUBLISHED_SCRIPTS)
def test_the_positioned_fold_gives_the_words_normalize_gives(text):
    from search.normalize import fold_keeping_positions

    folded = fold_keeping_positions(text)

    assert " ".join(folded.folded.split()) == normalize(text)


@given(PUBLISHED_SCRIPTS)
def test_each_folded_character_comes_from_the_original_text_it_points_to(text):
    from search.normalize import _fold_letters, fold_keeping_positions

    folded = fold_keeping_positions(text)
    origins = [folded.origin(position) for position in range(len(folded.folded) + 1)]

    assert len(origins) == len(folded.folded) + 1 and origins[-1] == len(text)
    assert origins == sorted(origins)
    # Each run of folded characters from one place is what that stretch of the original folds to.
    starts = [i for i in range(len(folded.folded)) if i == 0 or origins[i] != origins[i - 1]]
    for start, end in itertools.pairwise([*starts, len(folded.folded)]):
        assert _fold_letters(text[origins[start] : origins[end]]) == folded.folded[start:end]
    assert _fold_letters(text[: origins[0]]) == ""  # what comes before the first folds to nothing


def test_a_word_found_in_the_folded_copy_is_shown_as_the_original_spells_it():
    from search.normalize import fold_keeping_positions

    text = "مردم مـــی\u200cگویند که کِتابَ\u200c وايي"
    folded = fold_keeping_positions(text)

    def original_of(word):
        at = folded.folded.index(word)
        start, end = folded.original_span(at, at + len(word))
        return text[start:end]

    assert original_of("میگویند") == "مـــی\u200cگویند"
    assert original_of("کتاب") == "کِتابَ\u200c"  # the last mark and the joiner belong to the word
    assert original_of("وایی") == "وايي"


def test_a_snippet_shows_the_original_spelling_and_marks_the_folded_match():
    from search.snippets import snippet as make_snippet

    # Forty words, each with a ZWNJ, before the match: every one shifts the folded copy by one.
    text = " ".join(["می\u200cروم"] * 40 + ["مردم", "هرات", "می\u200cگویند", "که", "وايي"])

    snippet = str(make_snippet(text, [normalize("هرات"), normalize("می\u200cگویند")]))

    assert "<mark>هرات</mark> <mark>می\u200cگویند</mark> که وايي" in snippet
    assert snippet.startswith("… می\u200cروم ")  # the window starts at a whole word of the original


def test_a_character_that_folds_to_several_words_is_marked_once():
    from search.snippets import snippet as make_snippet

    # ﷺ folds to four words: each of them matched it, and it was marked four times over.
    words = [normalize(word) for word in "صلی الله علیه وسلم".split()]

    snippet = str(make_snippet("پیامبر ﷺ فرمود", words))

    assert snippet == "پیامبر <mark>ﷺ</mark> فرمود"


def test_a_long_text_folded_a_piece_at_a_time_gives_the_same_snippet(monkeypatch):
    from search import snippets

    # Pieces cut at spaces: a word, its ZWNJs and marks never straddle two of them.
    words = ["می\u200cروم", "کِتابَ\u200c", "وايي", "ﷺ", "هرات", "برف\u200cباری", "ﻻ", "مردم"]
    text = " ".join(words[(n * 7) % len(words)] for n in range(300))
    queries = [["هرات"], ["کتاب", "وایی"], ["برفباری"], ["لا"], ["صلی", "الله"], ["نیست"]]

    whole = [str(snippets.snippet(text, [normalize(w) for w in query])) for query in queries]
    monkeypatch.setattr(snippets, "FOLD_PIECE_CHARS", 7)
    pieces = [str(snippets.snippet(text, [normalize(w) for w in query])) for query in queries]

    assert pieces == whole
    assert all("<mark>" in snippet for snippet in whole[:-1]) and "<mark>" not in whole[-1]

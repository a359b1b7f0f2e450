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
    st.lists(st.sampled_from(["Kabul", "wheat", "prices", "کابل", "the", "a", "relationship", "x" * 30, ","]),
             min_size=40, max_size=200),  # past the snippet's 240 characters
    st.sampled_from(["kabul", "wheat", "کابل", "nothing"]),
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
    if "<mark>" in snippet:
        assert word.lower() in body.lower()

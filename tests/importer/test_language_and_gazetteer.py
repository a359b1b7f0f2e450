import pytest

from importer.gazetteer import Gazetteer
from importer.language import detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Russia and Pakistan discuss trade", "en"),
        ("د افغانستان او پاکستان ترمنځ خبرې وشوې، چې ټول ګډون وکړ", "ps"),
        ("روسیه و پاکستان همکاری می‌کنند و افغانستان", "fa-af"),
        # One Pashto name in a Dari story does not make it Pashto.
        ("مقامات ایران و افغانستان درباره تجارت، آب، مرز، قیمت‌ها و بازار در کابل و هرات و مزار و قندهار گفتگو کردند ځ", "fa-af"),
        ("", "en"),
    ],
)
def test_language_is_detected_from_the_letters(text, language):
    assert detect_language(text) == language


def test_countries_are_found_by_their_newsroom_names():
    found = Gazetteer().find("Russia’s talks with Pakistan, India and Afghanistan; the Russian Federation agreed.")
    assert found == ["Russia", "Pakistan", "India", "Afghanistan"]


def test_names_inside_other_words_are_not_countries():
    assert Gazetteer().find("Indiana Chinatown Omani-style") == []


def test_organisations_and_their_long_names_are_found_once():
    found = Gazetteer().find("The Shanghai Cooperation Organisation (SCO) met the UN and NATO; the Taliban-led government")
    assert found == ["SCO", "United Nations", "NATO", "Taliban"]


def test_dari_and_pashto_spellings_give_english_tag_names():
    assert Gazetteer().find("د افغانستان او پاکستان ترمنځ، طالبان او ملګرو ملتونو") == [
        "Afghanistan", "Pakistan", "Taliban", "United Nations",
    ]


def test_acronyms_must_match_their_case():
    assert Gazetteer().find("tell us what un-American means") == []
    assert Gazetteer().find("the US and the UN") == ["United States", "United Nations"]


def test_existing_tags_match_any_case_and_keep_their_spelling():
    gazetteer = Gazetteer(["Kabul", "hydro power", "united nations", "of"])
    found = gazetteer.find("In KABUL, a hydro Power plant of the UN")
    # The gazetteer's "UN" is the existing tag, spelt as editors spelt it; two-letter tags are too noisy to match.
    assert found == ["Kabul", "hydro power", "united nations"]

"""The Pashto and Dari catalogues are complete, compiled, and say what the code says.

No GNU gettext needed: editions.catalogues reads the sources the way makemessages does.
After adding strings, run ``make messages``, translate the new entries, and commit the
.po and .mo files.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.editions.catalogues import project_messages, python_messages, template_messages

CATALOGUES = {"ps": "ps", "fa_AF": "fa-af"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
ROOT = Path(settings.BASE_DIR)


def po_file(locale):
    return polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))


def live_entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


@pytest.fixture(scope="module")
def marked_in_sources():
    return {message.key: message for message in project_messages(ROOT)}


@pytest.mark.parametrize("locale", CATALOGUES)
def test_every_string_marked_for_translation_is_in_the_catalogue(locale, marked_in_sources):
    in_catalogue = {(entry.msgctxt, entry.msgid): entry for entry in live_entries(po_file(locale))}
    missing = [f"{m.source}: {m.msgid!r}" for key, m in marked_in_sources.items() if key not in in_catalogue]
    assert not missing, f"run `make messages` and translate for {locale}:\n" + "\n".join(missing)
    wrong_plural = [m.msgid for key, m in marked_in_sources.items() if (m.plural or "") != in_catalogue[key].msgid_plural]
    assert not wrong_plural


@pytest.mark.parametrize("locale", CATALOGUES)
def test_every_catalogue_entry_is_translated(locale):
    untranslated = [
        entry.msgid
        for entry in live_entries(po_file(locale))
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert not untranslated, f"untranslated or fuzzy in {locale}:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("locale", CATALOGUES)
def test_translations_keep_every_placeholder(locale):
    broken = []
    for entry in live_entries(po_file(locale)):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values():
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append(f"{entry.msgid!r} -> {text!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("locale", CATALOGUES)
def test_the_compiled_catalogue_matches_the_po_file(locale):
    """A .po edited without recompiling would leave readers with the old texts."""
    path = ROOT / "locale" / locale / "LC_MESSAGES"
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in polib.mofile(str(path / "django.mo"))
        if entry.msgid
    }
    written = {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in live_entries(po_file(locale))
    }
    assert compiled == written, "run `make messages` (or msgfmt) and commit the .mo file"


@pytest.mark.parametrize(("locale", "plural_forms"), [("ps", "nplurals=2; plural=(n != 1);"), ("fa_AF", "nplurals=2; plural=(n > 1);")])
def test_catalogue_headers_name_the_language_and_its_plurals(locale, plural_forms):
    metadata = po_file(locale).metadata
    assert metadata["Language"] == locale
    assert metadata["Plural-Forms"] == plural_forms
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize(("language", "expected"), [("ps", "لټون"), ("fa-af", "جستجو"), ("en", "Search")])
def test_django_finds_each_editions_catalogue(language, expected):
    # fa-af is looked up as locale/fa_AF (django.utils.translation.to_locale).
    with translation.override(language):
        assert translation.gettext("Search") == expected
        assert translation.check_for_language(language)


# The extractor itself: it must see what makemessages sees.


def test_the_extractor_reads_python_gettext_calls():
    code = (
        'from django.utils.translation import gettext_lazy as _, ngettext, pgettext\n'
        'A = _("Headline")\n'
        'B = ngettext("%(n)s story", "%(n)s stories", n)\n'
        'C = pgettext("month name", "May")\n'
        'D = _(variable)\n'
        'E = _("Two " "parts")\n'
    )
    found = {(m.context, m.msgid, m.plural) for m in python_messages(code)}
    assert found == {
        (None, "Headline", None),
        (None, "%(n)s story", "%(n)s stories"),
        ("month name", "May", None),
        (None, "Two parts", None),
    }


def test_the_extractor_reads_template_tags_like_makemessages():
    template = (
        '{% load i18n %}<a title="{% translate \'Skip\' %}">{% translate "Home" context "nav" %}</a>\n'
        "{% blocktranslate trimmed with name=site %}\n  Stories from\n  {{ name }}.\n{% endblocktranslate %}\n"
        "{% blocktranslate count counter=n %}{{ counter }} result{% plural %}{{ counter }} results{% endblocktranslate %}\n"
        '{{ value|default:_("Latest") }} {% translate variable %}'
    )
    found = {(m.context, m.msgid, m.plural) for m in template_messages(template)}
    assert found == {
        (None, "Skip", None),
        ("nav", "Home", None),
        (None, "Stories from %(name)s.", None),
        (None, "%(counter)s result", "%(counter)s results"),
        (None, "Latest", None),
    }

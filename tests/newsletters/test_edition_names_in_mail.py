"""Newsletter mail calls the newsroom by the name its edition's website uses (NEWSROOM_NAME_PS,
NEWSROOM_NAME_FA_AF): subject, <title>, header bar and plain text, never the English name in
a Pashto or Dari mail."""

import re

import pytest

from articles.models import Language
from newsletters import rendering
from newsletters.models import Newsletter
from tests.factories import ArticleFactory
from tests.newsletters.factories import issue_with

pytestmark = pytest.mark.django_db

PASHTO_DARI_DEFAULT = "دعوت میډیا"


@pytest.fixture
def edition_names(settings):
    """The defaults for English and Pashto; a Dari name of its own, to show each edition gets its own."""
    settings.NEWSROOM_NAME = "Dawat Media"
    settings.NEWSROOM_NAMES = {"en": "Dawat Media", "ps": PASHTO_DARI_DEFAULT, "fa-af": "رسانهٔ دعوت"}


def _html(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def _title(html: str) -> str:
    (title,) = re.findall(r"<title>(.*?)</title>", html, re.S)
    return title


def _masthead(html: str) -> str:
    (masthead,) = re.findall(r'<td class="masthead[^"]*"[^>]*>(.*?)</td>', html, re.S)
    return re.sub(r"<[^>]+>", "", masthead)


def _confirmation(language: str, slug: str):
    newsletter = Newsletter.objects.get(slug=slug)
    return rendering.confirmation_message(email="reader@example.net", newsletters=[newsletter], language=language)


@pytest.mark.usefixtures("edition_names")
@pytest.mark.parametrize(
    ("language", "slug", "subject", "name"),
    [
        ("ps", "weekly-pashto", f"{PASHTO_DARI_DEFAULT} ته خپل ګډون تایید کړئ", PASHTO_DARI_DEFAULT),
        ("fa-af", "weekly-dari", "اشتراک خود را در رسانهٔ دعوت تأیید کنید", "رسانهٔ دعوت"),
        ("en", "daily-english", "Confirm your subscription to Dawat Media", "Dawat Media"),
    ],
    ids=["ps", "fa-af", "en"],
)
def test_the_confirmation_mail_carries_the_edition_s_name(language, slug, subject, name):
    message = _confirmation(language, slug)
    html = _html(message)
    assert message.subject == subject
    assert _title(html) == name
    assert _masthead(html).strip() == name
    if language != "en":
        assert "Dawat Media" not in html and "Dawat Media" not in message.body


@pytest.mark.usefixtures("edition_names")
@pytest.mark.parametrize(
    ("slug", "language", "name"),
    [
        ("weekly-pashto", Language.PASHTO, PASHTO_DARI_DEFAULT),
        ("weekly-dari", Language.DARI, "رسانهٔ دعوت"),
        ("daily-english", Language.ENGLISH, "Dawat Media"),
    ],
    ids=["ps", "fa-af", "en"],
)
def test_an_issue_carries_its_newsletter_edition_s_name(slug, language, name):
    newsletter = Newsletter.objects.get(slug=slug)
    issue = issue_with(newsletter, [ArticleFactory(language=language)], subject="This week")

    rendered = rendering.render_issue(issue)

    assert _masthead(rendered.html) == f"{name} · {newsletter.name}"
    assert rendered.text.startswith(f"{name} · {newsletter.name}\n")
    if language != Language.ENGLISH:
        assert "Dawat Media" not in rendered.html and "Dawat Media" not in rendered.text

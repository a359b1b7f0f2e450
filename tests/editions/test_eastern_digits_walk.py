"""One rule for numbers: a Pashto or Dari reader sees every number in Eastern Arabic digits.

The walk opens every reader page type in both editions and reads the visible text
(no attributes, scripts or styles). The only Western digits allowed are the numbers a
reader copies into a bank or Vipps app: the account number, IBAN, BIC and Vipps number
(docs/editions.md), in the elements that show them.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from articles.models import Language
from tests.donations.factories import seed_details
from tests.editions.visible import visible_text
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

WESTERN_DIGIT = re.compile(r"[0-9]")
# Where the payment numbers are shown (donations/jinja2): copied into a bank or Vipps app as they are.
PAYMENT_NUMBERS = ("donate-number", "donation-number", "donate-bic", "donation-bic")
EDITIONS = {
    "ps": {
        "language": Language.PASHTO, "section": "سیاست", "tag": "کابل", "author": "مینه رحیمي",
        "title": "په کابل کې د اوبو کمښت", "body": "<p>د ښار اوسېدونکي د اوبو له کمښت سره مخ دي.</p>",
        "query": "اوبو", "correction": "د غونډې نېټه سمه شوه.",
    },
    "fa-af": {
        "language": Language.DARI, "section": "سیاست", "tag": "کابل", "author": "مینه رحیمی",
        "title": "کمبود آب در کابل", "body": "<p>باشندگان شهر با کمبود آب روبرو هستند.</p>",
        "query": "کمبود", "correction": "تاریخ نشست اصلاح شد.",
    },
}


@pytest.fixture
def edition_site(settings):
    settings.NEWSROOM_EASTERN_DIGITS = True
    section = SectionFactory(slug="politics", name="Politics", name_ps="سیاست", name_fa_af="سیاست")
    seed_details()
    call_command("create_edition_pages", verbosity=0)
    stories = {}
    for edition, text in EDITIONS.items():
        author = AuthorFactory(name=text["author"], slug=f"author-{edition}", bio="")
        now = timezone.now()
        # Thirteen stories: a section page of twelve and a second page, whose number is shown.
        articles = [
            ArticleFactory(
                title=text["title"], standfirst=text["title"], body=text["body"], language=text["language"],
                section=section, tags=[text["tag"]], authors=[author], view_count=100 - index,
                published_at=now - datetime.timedelta(hours=index + 1),
            )
            for index in range(13)
        ]
        CorrectionFactory(article=articles[0], text=text["correction"])
        stories[edition] = {"article": articles[0], "author": author}
    return stories


def reader_pages(edition, story):
    with translation.override(edition):
        article_url = story["article"].get_absolute_url()
        author_url = story["author"].get_absolute_url()
    tag_slug = story["article"].tags.first().slug
    query = EDITIONS[edition]["query"]
    return {
        "home": f"/{edition}/",
        "section": f"/{edition}/section/politics/",
        "section, page 2": f"/{edition}/section/politics/?page=2",
        "tag": f"/{edition}/tag/{tag_slug}/",
        "author": author_url,
        "article": article_url,
        "search": f"/{edition}/search/?q={query}",
        "donate": f"/{edition}/donate/",
        "about": f"/{edition}/about/",
        "contact": f"/{edition}/contact/",
        "privacy": f"/{edition}/privacy/",
        "not found": f"/{edition}/no-such-page/",
        "corrections": f"/{edition}/corrections/",
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_pashto_or_dari_reader_sees_no_western_digit_outside_the_payment_numbers(client, edition_site, edition):
    seen = {}
    for kind, url in reader_pages(edition, edition_site[edition]).items():
        response = client.get(url)
        assert response.status_code == (404 if kind == "not found" else 200), (kind, url, response.status_code)
        text = visible_text(response.content.decode(), skip_classes=PAYMENT_NUMBERS)
        western = [line for line in text.splitlines() if WESTERN_DIGIT.search(line)]
        assert not western, f"{kind} ({url}) shows Western digits: {western}"
        seen[kind] = text
    # The walk saw numbers, in Eastern digits: ranks, page numbers, dates, the footer year, the error code.
    assert "۱" in seen["home"] and "۲" in seen["section, page 2"] and "۴۰۴" in seen["not found"]
    assert str(timezone.now().year).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in seen["about"]


# Latin words a Pashto or Dari page may show: the English edition's name in the switcher, the
# contact address, and what the reader matches in a bank or Vipps app (bank, IBAN, Vipps, receiver).
ALLOWED_LATIN = ("English", "newsroom@localhost", "DNB", "IBAN", "Vipps", "BIC", "SWIFT", "Dawat Media Center")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_pashto_or_dari_reader_sees_no_english_words_in_the_chrome(client, edition_site, edition):
    for kind, url in reader_pages(edition, edition_site[edition]).items():
        text = visible_text(client.get(url).content.decode(), skip_classes=PAYMENT_NUMBERS)
        for allowed in ALLOWED_LATIN:
            text = text.replace(allowed, "")
        assert not re.findall(r"[A-Za-z]+", text), f"{kind} ({url})"


def test_the_payment_numbers_stay_western_for_the_bank_app(client, edition_site):
    page = client.get("/ps/donate/").content.decode()
    numbers = visible_text(page, within="donate-number")
    assert "05302294668" in numbers.replace(" ", "") and "557320" in numbers


def test_with_eastern_digits_off_every_number_is_western(client, edition_site, settings):
    settings.NEWSROOM_EASTERN_DIGITS = False
    text = visible_text(client.get("/ps/no-such-page/").content.decode())
    assert "404" in text and not re.search("[۰-۹]", text)


def test_most_read_ranks_are_written_in_the_editions_digits(client, edition_site):
    ranks = visible_text(client.get("/ps/").content.decode(), within="most-read-rank").split()
    assert ranks == ["۱", "۲", "۳", "۴", "۵"]
    ranks = visible_text(client.get("/en/").content.decode(), within="most-read-rank").split()
    assert ranks == [] or ranks == ["1", "2", "3", "4", "5"]


def test_a_number_in_a_template_follows_each_requests_edition(client, db):
    # Jinja2 would compute {{ 404|edition_digits }} once, at compile time, for whichever edition came first.
    assert "۴۰۴" in visible_text(client.get("/ps/no-such-page/").content.decode())
    assert "404" in visible_text(client.get("/en/no-such-page/").content.decode())
    assert "۴۰۴" in visible_text(client.get("/fa-af/no-such-page/").content.decode())

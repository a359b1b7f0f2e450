from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from tests.donations.factories import seed_details

APPEAL = '{% include "donations/includes/appeal.html" %}'
DONATE_LINK = '{% include "donations/includes/donate_link.html" %}'


def render(source: str, language: str = "en") -> str:
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/")
        return engines["jinja2"].from_string(source).render({"request": request})


def test_appeal_and_donate_link_render_nothing_before_the_site_has_details(db):
    assert render(APPEAL).strip() == ""
    assert render(DONATE_LINK).strip() == ""


def test_appeal_shows_the_headline_text_and_grouped_numbers(db):
    seed_details()
    html = render(APPEAL)
    assert "Support Dawat Media Center" in html
    assert "If there were ever a time to join us" in html
    assert "0530 22 94668" in html
    assert "NO15 0530 2294 668" in html
    assert "#557320" in html
    assert 'href="/en/donate/"' in html


def test_appeal_speaks_the_readers_language(db):
    seed_details()
    html = render(APPEAL, "ps")
    assert "د دعوت رسنیز مرکز ملاتړ وکړئ" in html
    assert 'href="/ps/donate/"' in html
    assert "0530 22 94668" in html


def test_donate_link_points_to_the_donate_page(db):
    seed_details()
    assert render(DONATE_LINK) == '<a class="donate-link" href="/en/donate/">Donate</a>'
    assert 'href="/fa-af/donate/"' in render(DONATE_LINK, "fa-af")


def test_methods_waiting_for_approval_are_not_shown(db):
    seed_details(live=False)
    html = render(APPEAL)
    assert "Support Dawat Media Center" in html
    assert "0530" not in html

import io
import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pyzbar import pyzbar

from donations import selectors
from donations.models import DonationDetails, PaymentMethod
from donations.services import approve_change, save_details
from tests.donations.factories import seed_details
from tests.donations.qr import decode_svg
from tests.factories import UserFactory

APPEAL = '{% include "donations/includes/appeal.html" %}'
DONATE_LINK = '{% include "donations/includes/donate_link.html" %}'


@pytest.fixture
def details(db):
    return seed_details()


def served_qr_svg(html: str) -> str:
    return re.search(r'<svg [^>]*class="donation-qr".*?</svg>', html, re.S).group(0)


def test_donate_page_shows_every_method_with_its_grouped_number(client, details):
    response = client.get("/en/donate/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Support Dawat Media Center</h1>" in html
    assert ">0530 22 94668</output>" in html
    assert ">NO15 0530 2294 668</output>" in html
    assert ">#557320</output>" in html
    assert "Bank: DNB" in html
    # the copy buttons carry the compact number and wait hidden for the script
    assert 'data-copy="05302294668"' in html and 'data-copy="NO1505302294668"' in html
    assert html.count('class="donate-copy" hidden') == 3


def test_donate_page_has_no_inline_script_or_style(client, details):
    html = client.get("/en/donate/").content.decode()
    page = html[html.index('<main'):html.index('</main>')]

    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert " style=" not in page
    assert "donations/copy.js" in html


def test_the_vipps_qr_code_served_decodes_to_the_vipps_link(client, details):
    svg = served_qr_svg(client.get("/en/donate/").content.decode())

    assert decode_svg(svg) == ["https://qr.vipps.no/donations/557320"]


def test_the_served_qr_code_is_segnos_and_its_png_decodes_too(client, details):
    svg = served_qr_svg(client.get("/en/donate/").content.decode())
    code = selectors.vipps_qr_code("557320")
    png = io.BytesIO()
    code.save(png, kind="png", scale=8, border=4)
    png.seek(0)

    assert svg == selectors.vipps_qr_svg("557320")
    assert [symbol.data.decode() for symbol in pyzbar.decode(Image.open(png))] == [
        "https://qr.vipps.no/donations/557320"
    ]


def test_the_qr_code_follows_the_vipps_link_setting(client, details, settings):
    settings.DONATIONS_VIPPS_QR_URL = "https://vipps.example/give/{number}"

    svg = served_qr_svg(client.get("/en/donate/").content.decode())

    assert decode_svg(svg) == ["https://vipps.example/give/557320"]


def test_donate_page_speaks_the_readers_language_and_direction(client, details):
    html = client.get("/ps/donate/").content.decode()

    assert '<html lang="ps" dir="rtl">' in html
    assert "د دعوت رسنیز مرکز ملاتړ وکړئ" in html
    assert 'dir="ltr" id="donate-number-1"' in html  # numbers stay left to right inside RTL text


def test_a_language_without_its_own_appeal_gets_the_catalogues_appeal_in_that_language(client, details):
    # Not the English appeal inside right-to-left chrome (issue 22); the payment numbers stay.
    DonationDetails.objects.filter(pk=details.pk).update(appeal_headline_fa_af="", appeal_text_fa_af="")

    html = client.get("/fa-af/donate/").content.decode()
    assert '<html lang="fa-af" dir="rtl">' in html
    assert "<h1>از ژورنالیسم مستقل حمایت کنید</h1>" in html
    assert "Support Dawat Media Center" not in html and "If there were ever a time" not in html
    assert "557320" in html


def test_donate_page_before_any_details_exist_says_so(client, db):
    response = client.get("/en/donate/")

    assert response.status_code == 404
    assert "not published yet" in response.content.decode()


def test_the_appeal_and_donate_link_appear_on_an_article(client, details, published_article):
    with translation.override("en"):
        url = published_article.get_absolute_url()
    html = client.get(url).content.decode()

    assert "Support Dawat Media Center" in html
    assert "0530 22 94668" in html and "NO15 0530 2294 668" in html
    assert 'class="donate-link" href="/en/donate/"' in html


def test_every_page_shows_the_donation_details_once(client, details, published_article):
    # The guide's promise: every page asks for support and shows the bank account, IBAN and Vipps
    # number, not only the article page (there, under the story) and the donate page.
    with translation.override("en"):
        pages = {
            "home": reverse("articles:home"),
            "section": published_article.section.get_absolute_url(),
            "search": reverse("search:results") + "?q=council",
            "corrections": reverse("articles:corrections"),
            "article": published_article.get_absolute_url(),
            "missing page": "/en/no-such-page/",
        }
        donate = reverse("donations:donate")
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert html.count('class="donation-appeal"') == 1, name
        assert "0530 22 94668" in html and "NO15 0530 2294 668" in html and "#557320" in html, name
    # The donate page is the appeal itself, with the numbers to copy; no second box under it.
    donate_page = client.get(donate).content.decode()
    assert 'class="donation-appeal"' not in donate_page and "NO15 0530 2294 668" in donate_page


# Cache.


def render_appeal(language="en") -> str:
    with translation.override(language):
        return engines["jinja2"].from_string(DONATE_LINK + APPEAL).render({"request": RequestFactory().get("/")})


def test_the_header_link_and_the_appeal_read_the_details_once_per_page(details, django_assert_num_queries):
    # The live payment methods with their details, one query shared by the header's Donate
    # link and the appeal.
    with django_assert_num_queries(1):
        html = render_appeal()
    assert "0530 22 94668" in html


def test_no_details_costs_two_queries_and_shows_nothing(db, django_assert_num_queries):
    # No live method, so the details are asked for on their own: there are none.
    with django_assert_num_queries(2):
        assert render_appeal().strip() == ""


def test_an_approved_change_shows_at_once(details, treasurer):
    assert "Support Dawat Media Center" in render_appeal()

    details.appeal_headline_en = "Keep Dawat reporting"
    change = save_details(details=details, by=treasurer)
    assert "Keep Dawat reporting" not in render_appeal()  # waiting for a second person
    approve_change(change=change, by=UserFactory(username="treasurer2", role="Treasurer"))

    assert "Keep Dawat reporting" in render_appeal()


def test_a_method_removed_or_added_shows_at_once(details):
    render_appeal()
    PaymentMethod.objects.get(kind="vipps").delete()
    assert "#557320" not in render_appeal()

    PaymentMethod.objects.create(details=details, kind="vipps", vipps_number="12345", is_live=True)
    assert "#12345" in render_appeal()


def test_details_show_as_soon_as_they_exist(db):
    assert render_appeal().strip() == ""
    seed_details()
    assert "Support Dawat Media Center" in render_appeal()


def test_an_untranslated_appeal_shows_no_english_inside_a_right_to_left_page(client, details):
    from django.urls import reverse
    from django.utils import translation

    details.appeal_text_ps = ""
    details.appeal_headline_ps = ""
    details.save()
    with translation.override("ps"):
        html = client.get(reverse("donations:donate")).content.decode()
    assert "<h1>د خپلواکې ژورنالیزم ملاتړ وکړئ</h1>" in html
    assert 'lang="en"' not in html.split("<main", 1)[1].split("</main>")[0].replace('hreflang="en" lang="en"', "")

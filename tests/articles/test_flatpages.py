from html.parser import HTMLParser

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from tests.donations.factories import seed_details

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)"><p>" onmouseover="alert(3)</p>'


class ElementsAndAttributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


@pytest.mark.django_db
def test_flat_pages_cannot_run_editor_supplied_script(client):
    page = FlatPage.objects.create(url="/press/", title=f"Press {PAYLOAD}", content=f"<h2>Contacts</h2>{PAYLOAD}")
    page.sites.add(Site.objects.get_current())
    html = client.get("/en/press/").content.decode()  # an old, unprefixed page: the English edition serves it
    parsed = ElementsAndAttributes()
    parsed.feed(html)
    assert "<h2>Contacts</h2>" in html
    assert "img" not in parsed.tags
    assert not [name for name in parsed.attributes if name.startswith("on")]
    assert all("alert" not in script for script in html.split("<script")[1:] if not script.startswith(" src="))
    assert "Press &lt;script&gt;alert(1)" in html


@pytest.mark.django_db
def test_a_flat_pages_donation_appeal_lines_up_with_its_text_column(client):
    # At 1280 px the appeal stood at the page's edge beside a centred column of text (reader walk).
    seed_details()
    page = FlatPage.objects.create(url="/en/press/", title="Press", content="<p>Contacts</p>")
    page.sites.add(Site.objects.get_current())
    html = client.get("/en/press/").content.decode()

    assert '<div class="container container--story">\n  <article class="flatpage"' in html
    assert '<div class="container container--story site-appeal"><aside class="donation-appeal' in html

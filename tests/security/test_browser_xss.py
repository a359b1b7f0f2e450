"""The XSS corpus in a real Chromium: no alert(), confirm() or prompt() may open on
any reader page holding the payloads, nor on search results that echo them.
The ``page`` fixture also fails on any console error, so a script that our
Content-Security-Policy had to block fails the test too."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from tests.security.test_xss import LANGUAGES, plant_payloads
from tests.security.xss import PAYLOADS

pytestmark = pytest.mark.browser

# Runs before the page's own scripts, through DevTools (the CSP does not apply to it).
TRAP = """
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  const original = window[name];
  window[name] = function (...args) { (window.__xssFired = window.__xssFired || []).push(name + ':' + args.join(',')); };
}
"""


def reader_pages(articles) -> list[str]:
    pages = []
    for language in LANGUAGES:
        with translation.override(language):
            pages += [reverse("articles:home"), reverse("donations:donate")]
    for article in articles:
        with translation.override(article.language):
            pages += [article.get_absolute_url(), article.section.get_absolute_url(),
                      article.authors.first().get_absolute_url(),
                      reverse("articles:tag", kwargs={"slug": article.tags.first().slug})]
    with translation.override("en"):
        search = reverse("search:results")
    pages += [f"{search}?q={quote(payload, safe='')}" for payload in PAYLOADS]
    return pages


def test_no_dialog_opens_on_any_page_with_the_payloads(page):
    articles = plant_payloads()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.type} {dialog.message}"), dialog.dismiss()))
    page.add_init_script(TRAP)

    page.goto("/en/")
    page.evaluate("alert('self-check')")  # the trap itself works
    assert page.evaluate("window.__xssFired") == ["alert:self-check"]

    fired = {}
    for path in reader_pages(articles):
        response = page.goto(path, wait_until="load")
        assert response.status == 200, path
        page.wait_for_timeout(50)  # onerror/onload/ontoggle handlers fire right after load
        if calls := page.evaluate("window.__xssFired || []"):
            fired[path] = calls

    assert dialogs == []
    assert fired == {}

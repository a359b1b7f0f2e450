"""The admin under our Content-Security-Policy, in a real Chromium: the prose
editor (an import map plus module scripts) loads, and nothing is blocked."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.browser.conftest import close_quietly, open_context
from tests.factories import ArticleFactory, UserFactory
from tests.security.otp import PASSWORD, mailed_enrolment_code

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}

# Runs before any page script (through DevTools, so the CSP does not apply to it).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture
def open_tab(browser, live_server):
    """``open_tab(session_cookie=None)``: a desktop tab that records CSP violations and console
    errors; closed quietly after the test (tests/browser/conftest.py)."""
    contexts = []

    def open_(*, session_cookie=None):
        context = open_context(browser, base_url=live_server.url, viewport=DESKTOP)
        contexts.append(context)
        if session_cookie:
            context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": live_server.url}])
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        tab = context.new_page()
        tab.problems = []
        tab.on("console", lambda message: record_console_error(tab, message))
        tab.on("pageerror", lambda error: tab.problems.append(str(error)))
        tab.on("dialog", lambda dialog: (tab.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        return tab

    yield open_
    for context in contexts:
        close_quietly(context)


def record_console_error(tab, message):
    where = message.location.get("url", "")
    # Chromium asks for /favicon.ico on its own; the admin links no icon. Not a script problem.
    if message.type == "error" and not where.endswith("/favicon.ico"):
        tab.problems.append(f"{message.text} ({where})")


def signed_in_session(user) -> str:
    client = Client()
    client.force_login(user)  # verified for the second factor too (tests/conftest.py)
    return client.cookies["sessionid"].value


def test_the_article_editor_loads_under_the_csp_without_violations(open_tab, transactional_db):
    superuser = UserFactory(username="chief", is_superuser=True)
    article = ArticleFactory(body="<p>Text the editor must show.</p>")
    tab = open_tab(session_cookie=signed_in_session(superuser))

    response = tab.goto(f"/admin/articles/article/{article.pk}/change/")

    assert response.status == 200
    assert "'nonce-" in response.headers["content-security-policy"]
    editor = tab.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for(state="visible", timeout=15_000)
    assert "Text the editor must show." in editor.inner_text()
    assert tab.locator(".prose-menubar button, .prose-menubar__button").count() > 0  # the toolbar came up
    editor.click()
    tab.keyboard.type(" Typed in the browser.")
    assert "Typed in the browser." in tab.locator("textarea[name=body]").input_value() or "Typed in the browser." in editor.inner_text()
    assert tab.evaluate("window.__cspViolations") == []
    assert tab.problems == []


def test_enrolling_a_second_factor_in_the_browser_shows_the_qr_code_without_violations(open_tab, transactional_db):
    Group.objects.get_or_create(name="Treasurer")  # transactional_db emptied the migration's groups
    treasurer = UserFactory(username="cashier", role="Treasurer")
    tab = open_tab()

    tab.goto("/admin/login/?next=/admin/")
    tab.fill("input[name=username]", treasurer.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("input[type=submit]")

    # First the code mailed to the account's address (the live server shares this process's outbox).
    tab.wait_for_url("**/admin/2fa/setup/email/**")
    tab.fill("input[name=token]", mailed_enrolment_code(treasurer))
    tab.click("input[type=submit][value=Continue]")
    tab.wait_for_url("**/admin/2fa/setup/?**")
    assert tab.locator(".newsroom-qr svg").is_visible()
    assert tab.evaluate("window.__cspViolations") == []
    assert tab.problems == []

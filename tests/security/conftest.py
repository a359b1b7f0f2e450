# The reader website's Playwright fixtures (Debian's Chromium, a console that fails the test on errors).
from tests.browser.conftest import browser, page  # noqa: F401

# The reader website's browser fixtures (Playwright on Debian's Chromium, axe-core), shared here.
from tests.browser.conftest import axe_violations, browser, page  # noqa: F401

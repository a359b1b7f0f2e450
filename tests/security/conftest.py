import pytest
from django.utils import translation

# The reader website's Playwright fixtures (Debian's Chromium, a console that fails the test on errors).
from tests.browser.conftest import browser, page  # noqa: F401


@pytest.fixture(autouse=True)
def _leave_no_language_active():
    """Requests to /ps/ and /fa-af/ activate that language in this thread and nothing resets it;
    the next test (in another folder) would build its URLs in Pashto or Dari."""
    yield
    translation.activate("en")

"""The lite edition in a phone-sized Chromium with JavaScript off, as in Tor Browser's Safest level."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings

from articles.models import Language
from tests.browser.conftest import PHONE, describe
from tests.donations.factories import seed_details
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.browser
# For a person to look at, as the other browser tests leave theirs.
SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "lite"


@pytest.fixture
def lite_article(transactional_db):
    seed_details()
    return ArticleFactory(
        language=Language.PASHTO, section=SectionFactory(slug="news", name="خبرونه"),
        title="په کابل کې د ژمي له رارسېدو سره د لرګیو او ډبرو سکرو بیې لوړې شوې",
        body="<p>د کابل ښار د سون توکو په بازارونو کې د یوه سېر لرګیو بیه په تېرو دوو اونیو کې زیاته شوې ده.</p>" * 12,
    )


def lite_path(article) -> str:
    return f"/ps/lite/news/{article.pk}-{article.slug}/"


def test_a_lite_pashto_article_with_javascript_off_loads_only_itself_and_its_read_counter(
    browser, live_server, lite_article
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append((request.resource_type, request.url)))

    response = tab.goto(lite_path(lite_article))

    assert response.status == 200
    # The page, and the read counter's pixel (audience/: an empty 204, nothing stored about the reader).
    assert requests == [
        ("document", f"{live_server.url}{quote(lite_path(lite_article))}"),
        ("image", f"{live_server.url}/reads/{lite_article.pk}"),
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / "pashto-article-390-no-javascript.png"), full_page=True)
    context.close()


def test_a_lite_pashto_article_reads_right_to_left_and_fits_a_phone(page, lite_article, axe_violations):
    # The page has no script, so it lays out as with JavaScript off; the checks below need it on.
    page.goto(lite_path(lite_article))

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert page.get_by_role("heading", level=1).inner_text() == lite_article.title
    assert "0530 22 94668" in page.inner_text("footer")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

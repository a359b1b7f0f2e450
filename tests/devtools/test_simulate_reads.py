"""A small simulated day: readers (some reloading, some without JavaScript) and bots through
the real article pages and beacon; the counts and each edition's Most read are theirs."""

import io
import re

import pytest
from django.core.management import call_command

from audience import counting
from audience.models import ArticleReads
from devtools import reads_simulation as simulation
from devtools.management.commands import simulate_reads
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _new_worker():
    counting.forget()


def test_a_simulated_day_gives_the_expected_most_read_order_and_counts(client):
    for language in ("en", "ps", "fa-af"):
        for n in range(6):
            ArticleFactory(language=language, title=f"{language} story {n}")
    out = io.StringIO()
    call_command(simulate_reads.Command(), readers=40, stories=6, stdout=out)
    report = out.getvalue()
    assert "Every edition's Most read matches the simulated day." in report
    assert report.count(" ok") == 15  # five places in each of three editions
    # Bots sent requests; none of them was counted: the counts are the readers'.
    requests, bots, reloads = map(int, re.search(r"(\d+) requests \((\d+) from bots, (\d+) reloads\)", report).groups())
    assert bots == 5 * 18 * 3 * 2 * 2 and reloads > 0  # bots x stories x 3 times x (script, pixel) x (page, beacon)
    readers = sum(ArticleReads.objects.values_list("reads", flat=True))
    assert readers == (requests - bots) // 2 - reloads
    # The home page shows the same order the command checked.
    page = client.get("/ps/").content.decode()
    block = page.split('class="most-read-list"')[1].split("</ol>")[0]
    shown = re.findall(r">(ps story \d)</a>", block)
    editions = simulation.stories_by_edition(["ps"], 6)
    assert len(shown) == 5 and set(shown) <= {story.title for story in editions["ps"]}

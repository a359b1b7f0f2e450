"""Editors see today's and this week's top stories on their desk, and each story's readers."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from audience import counting
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 20, 12, 0, tzinfo=datetime.UTC)
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def read(article, readers, *, at=NOW, first=0):
    with time_machine.travel(at, tick=False):
        for n in range(first, first + readers):
            counting.record_read(article.pk, address=f"10.2.0.{n}", user_agent=BROWSER)


def test_the_editors_desk_shows_todays_and_this_weeks_most_read(client, editor):
    published = NOW - datetime.timedelta(days=10)
    today = ArticleFactory(title="Read today", published_at=published)
    week = ArticleFactory(title="Read on Monday", language="ps", published_at=published)
    read(today, 3)
    read(week, 7, at=NOW - datetime.timedelta(days=2))  # not rolled up: the desk adds pending reads itself
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("admin:index")).content.decode()
    today_part = page.split('id="desk-read-today"')[1].split("</section>")[0]
    week_part = page.split('id="desk-read-week"')[1].split("</section>")[0]
    assert "Read today" in today_part and "<strong>3</strong> readers" in today_part
    assert "Read on Monday" not in today_part
    assert week_part.index("Read on Monday") < week_part.index("Read today")
    assert "Pashto" in week_part and "<strong>7</strong> readers" in week_part


def test_a_quiet_desk_says_nobody_was_counted(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert '<p class="desk-empty">No reader has been counted today yet.</p>' in page  # not item 1 of a list


def test_the_article_form_shows_its_readers_today_this_week_and_in_all(client, editor):
    article = ArticleFactory(title="Counted story", view_count=1200, published_at=NOW - datetime.timedelta(days=30))
    read(article, 2)
    read(article, 5, at=NOW - datetime.timedelta(days=3), first=100)
    read(article, 4, at=NOW - datetime.timedelta(days=20), first=200)
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert page.count('class="article-reads"') == 1
    panel = page.split('class="article-reads"')[1].split("</div>\n</div>")[0]
    assert "<dt>Today</dt><dd>2</dd>" in panel
    assert "<dt>Last 7 days</dt><dd>7</dd>" in panel
    assert "<dt>In all</dt><dd>1211</dd>" in panel
    assert "11 counted here and 1200 from the old site" in panel
    # The editions app's panel is still there (the template extends its own).
    assert "editions/admin-direction.js" in page and "editions-panel" in page

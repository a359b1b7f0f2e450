import datetime

import pytest
import time_machine
from django.urls import reverse
from taggit.models import Tag

from articles.times import oslo_and_kabul
from tests.factories import ArticleFactory

NOW = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_the_admin_front_page_is_the_editors_desk(client, editor):
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(title="Waiting story", in_review=True)
        ArticleFactory(title="Tomorrow's story", published_at=NOW + datetime.timedelta(days=1))
        ArticleFactory(title="Yesterday's story", published_at=NOW - datetime.timedelta(days=1))
        ArticleFactory(title="Someone's draft", draft=True)
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
    review, scheduled, recent = (page.index(h) for h in ("Waiting for review", "Scheduled", "Recently published"))
    assert review < page.index("Waiting story") < scheduled < page.index("Tomorrow&#x27;s story") < recent
    assert page.index("Yesterday&#x27;s story") > recent
    assert "Someone&#x27;s draft" not in page
    # 2 June 10:00 in Oslo (summer time) is 12:30 in Kabul.
    assert "02 Jun 2026 10:00 Oslo · 12:30 Kabul" in page


def test_times_are_shown_in_oslo_and_kabul():
    assert oslo_and_kabul(datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)) == "15 Jan 2026 13:00 Oslo · 16:30 Kabul"
    assert oslo_and_kabul(None) == "—"


@pytest.mark.django_db
def test_the_article_list_filters_and_searches(client, editor):
    ArticleFactory(title="Dari story", language="fa-af", tags=["Herat"])
    ArticleFactory(title="English story", language="en", body="<p>about water rights</p>")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    by_language = client.get(changelist, {"language__exact": "fa-af"}).content.decode()
    assert "Dari story" in by_language and "English story" not in by_language
    by_body = client.get(changelist, {"q": "water rights"}).content.decode()
    assert "English story" in by_body and "Dari story" not in by_body
    by_tag = client.get(changelist, {"tags__id__exact": Tag.objects.get(name="Herat").pk})
    assert "Dari story" in by_tag.content.decode() and "English story" not in by_tag.content.decode()
    assert "Live" in by_body  # the state is shown as a badge


@pytest.mark.django_db
def test_tag_autocomplete_offers_existing_tags(client, editor):
    ArticleFactory(tags=["Kabul", "Kandahar", "Oslo"])
    client.force_login(editor)
    response = client.get(reverse("admin:articles_tag_names"), {"term": "ka"})
    assert [r["text"] for r in response.json()["results"]] == ["Kabul", "Kandahar"]

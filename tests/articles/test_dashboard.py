import datetime

import pytest
import time_machine
from django.urls import reverse
from taggit.models import Tag

from articles import services
from articles.times import oslo_and_kabul
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

NOW = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)
LONG_HEADLINE = "Water crisis in Kandahar leaves thousands of farmers without a harvest this year"


@pytest.mark.django_db
def test_the_editors_front_page_is_their_desk(client, editor):
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(title="Waiting story", in_review=True)
        ArticleFactory(title="Tomorrow's story", published_at=NOW + datetime.timedelta(days=1))
        ArticleFactory(title="Yesterday's story", published_at=NOW - datetime.timedelta(days=1))
        ArticleFactory(title="Someone's draft", draft=True)
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
    assert "<title>Editor’s desk" in page and "Editors&#x27; desk" not in page
    review, scheduled, recent, stale = (
        page.index(h) for h in ("Waiting for review", "Scheduled", "Recently published", "Translations behind")
    )
    assert review < page.index("Waiting story") < scheduled < page.index("Tomorrow&#x27;s story") < recent
    assert recent < page.index("Yesterday&#x27;s story") < stale
    assert "Someone&#x27;s draft" not in page
    # 2 June 10:00 in Oslo (summer time) is 12:30 in Kabul.
    assert "02 Jun 2026 10:00 Oslo · 12:30 Kabul" in page
    # The review queue's actions are on the front page.
    assert page.count('value="Publish now"') + page.count(">Publish now<") == 1
    assert "Return to writer" in page and 'name="schedule_at"' in page


@pytest.mark.django_db
def test_front_page_rows_are_lists_that_wrap_not_one_line_table_cells(client, editor):
    """Django's dashboard CSS keeps table cells on one line: long headlines ran over the time."""
    ArticleFactory(title=LONG_HEADLINE, in_review=True)
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    desk = page[page.index('class="newsroom-desk"'):page.index('id="content-main"')]
    assert LONG_HEADLINE in desk and "<table" not in desk and "<td" not in desk


@pytest.mark.django_db
def test_the_writers_desk_shows_drafts_returned_work_and_what_waits(client, writer, editor):
    returned = ArticleFactory(title="Needs a source", in_review=True, created_by=writer)
    services.article_return_to_writer(article=returned, by=editor, note="Name the ministry spokesman.")
    ArticleFactory(title="My own draft", draft=True, created_by=writer)
    ArticleFactory(title="Submitted story", in_review=True, created_by=writer)
    ArticleFactory(title="Somebody else's", in_review=True)
    client.force_login(writer)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<title>Writer’s desk" in page
    came_back, drafts, waiting = (page.index(h) for h in ("Came back to you", "Your drafts", "Waiting for an editor"))
    assert came_back < page.index("Needs a source") < page.index("Name the ministry spokesman.") < drafts
    assert drafts < page.index("My own draft") < waiting < page.index("Submitted story")
    assert "Somebody else" not in page and "Publish now" not in page


@pytest.mark.django_db
def test_the_treasurers_desk_shows_changes_waiting_for_a_second_treasurer(client, treasurer):
    from donations.models import PendingChange
    from tests.donations.factories import seed_details

    other = UserFactory(username="second-treasurer", role="Treasurer")
    method = seed_details().methods.get(kind="vipps")
    PendingChange.objects.create(method=method, proposed_values={"kind": "vipps", "vipps_number": "557321"},
                                 previous_values={}, proposed_by=other)
    client.force_login(treasurer)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<title>Treasurer’s desk" in page
    assert "waiting for your approval" in page and "only when a second treasurer approves it" in page
    assert reverse("admin:donations_pendingchange_change", args=[PendingChange.objects.get().pk]) in page
    assert "Latest in the audit trail" in page

    client.force_login(other)
    own = client.get(reverse("admin:index")).content.decode()
    assert "No change waits for your approval." in own and "another treasurer must approve it" in own
    assert "Needs your attention" not in own


@pytest.mark.django_db
def test_the_treasurers_desk_says_what_readers_would_get_wrong(client, treasurer):
    from donations.models import DonationDetails
    from tests.donations.factories import seed_details

    details = seed_details()
    DonationDetails.objects.filter(pk=details.pk).update(appeal_text_fa_af="")
    details.methods.filter(kind="iban").update(iban="NO9386011117947")
    client.force_login(treasurer)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Needs your attention" in page
    assert "The appeal has no Dari headline and text yet" in page and "no Pashto" not in page
    assert "The IBAN NO93 8601 1117 947 holds the account number 8601 11 17947" in page


@pytest.mark.django_db
def test_app_names_are_human(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Taggit" not in page and ">Tags<" in page


def test_times_are_shown_in_oslo_and_kabul():
    assert oslo_and_kabul(datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)) == "15 Jan 2026 13:00 Oslo · 16:30 Kabul"
    assert oslo_and_kabul(None) == "—"


@pytest.mark.django_db
def test_the_article_list_filters_and_searches(client, editor):
    ArticleFactory(title="Dari story", language="fa-af", tags=["Herat"], authors=[AuthorFactory(name="Gul Ahmad")])
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
    # Stories without tags or byline are named so in the filters, not Django's "-".
    everything = client.get(changelist).content.decode()
    assert ">No tags</a>" in everything and ">No byline</a>" in everything and "By tags" in everything
    untagged = client.get(changelist, {"tags__isnull": "True"}).content.decode()
    assert "English story" in untagged and "Dari story" not in untagged


@pytest.mark.django_db
def test_tag_autocomplete_offers_existing_tags(client, editor):
    ArticleFactory(tags=["Kabul", "Kandahar", "Oslo"])
    client.force_login(editor)
    response = client.get(reverse("admin:articles_tag_names"), {"term": "ka"})
    assert [r["text"] for r in response.json()["results"]] == ["Kabul", "Kandahar"]


@pytest.mark.django_db
def test_a_refusal_is_an_admin_page_with_the_way_back(client, editor, writer):
    client.force_login(editor)
    response = client.get(reverse("admin:donations_pendingchange_changelist"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not part of your role" in page and "Back to your desk" in page and 'id="header"' in page
    client.force_login(writer)
    own = ArticleFactory(in_review=True, created_by=writer)
    refused = client.post(reverse("admin:articles_article_desk_action", args=[own.pk, "publish"]))
    assert refused.status_code == 403 and "Only editors may publish." in refused.content.decode()


def test_the_treasurers_desk_names_the_field_of_each_audit_line(client, treasurer):
    from donations.models import AuditEntry

    AuditEntry.objects.create(by_name="tara", action="changed", subject="Payment method #3 (Vipps)",
                              field="vipps_number", old_value="557320", new_value="712345")
    client.force_login(treasurer)
    page = client.get(reverse("admin:index")).content.decode()
    assert "tara changed Payment method #3 (Vipps): Vipps number" in page

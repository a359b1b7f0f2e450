"""Editors compose, preview, test-send, schedule and read the report; addresses need a permission."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Issue, IssueStatus, Newsletter, Subscriber, Subscription
from tests.factories import ArticleFactory
from tests.newsletters.factories import issue_with, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    editor.email = "editor@example.org"
    editor.save()
    client.force_login(editor)
    return client


def test_an_editor_drafts_an_issue_from_the_week_s_stories_of_the_edition(editor_client):
    pashto = Newsletter.objects.get(slug="weekly-pashto")
    recent = ArticleFactory(language="ps", published_at=timezone.now() - datetime.timedelta(days=2))
    ArticleFactory(language="ps", published_at=timezone.now() - datetime.timedelta(days=9))  # too old
    ArticleFactory(language="en")  # another edition
    ArticleFactory(language="ps", draft=True)
    response = editor_client.post(reverse("admin:newsletters_issue_draft"), {"newsletter": pashto.pk})
    issue = Issue.objects.get()
    assert response["Location"] == reverse("admin:newsletters_issue_change", args=[issue.pk])
    assert list(issue.articles.all()) == [recent]


def test_an_editor_previews_test_sends_schedules_and_reads_the_report(editor_client, smtp_server, run_worker):
    english = Newsletter.objects.get(slug="daily-english")
    story = ArticleFactory(title="Floods in the north")
    subscribe(english, 2)
    issue = issue_with(english, [story], subject="Monday briefing", intro="Good morning.")

    page = editor_client.get(reverse("admin:newsletters_issue_change", args=[issue.pk]))
    assert page.status_code == 200 and "Send a test to me" in page.content.decode()
    preview = editor_client.get(reverse("admin:newsletters_issue_preview", args=[issue.pk]))
    assert "Floods in the north" in preview.content.decode() and "Good morning." in preview.content.decode()

    editor_client.post(reverse("admin:newsletters_issue_send_test", args=[issue.pk]))
    (test_copy,) = smtp_server.messages
    assert test_copy.rcpt_tos == ["editor@example.org"]
    assert test_copy.parsed()["Subject"] == "[TEST] Monday briefing"

    at = timezone.localtime(timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post(reverse("admin:newsletters_issue_schedule", args=[issue.pk]), {"at": at}, follow=True)
    assert "Kabul" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED

    editor_client.post(reverse("admin:newsletters_issue_schedule", args=[issue.pk]), {"at": ""})  # now, instead
    run_worker()
    assert len(smtp_server.messages) == 3
    page = editor_client.get(reverse("admin:newsletters_issue_change", args=[issue.pk])).content.decode()
    assert "2 recipients · 2 sent" in page


def test_subscriber_addresses_need_the_subscriber_permission(editor_client, editor):
    subscribe(Newsletter.objects.get(slug="daily-english"), 1)
    assert editor_client.get(reverse("admin:newsletters_subscriber_changelist")).status_code == 403
    assert editor_client.post(reverse("admin:newsletters_subscriber_export")).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="view_subscriber"))
    response = editor_client.get(reverse("admin:newsletters_subscriber_changelist"))
    assert "reader0@example.net" in response.content.decode()


def test_csv_import_takes_confirmed_addresses_with_consent_and_refuses_a_broken_file(superuser, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(superuser)
    dari = Newsletter.objects.get(slug="weekly-dari")
    url = reverse("admin:newsletters_subscriber_import")
    broken = SimpleUploadedFile("list.csv", b"email,consent_at\nok@example.net,2024-05-01\nnot-an-address,2024-05-01\n"
                                b"late@example.net,\n")
    page = client.post(url, {"newsletter": dari.pk, "file": broken}).content.decode()
    assert "Line 3" in page and "Line 4" in page
    assert not Subscriber.objects.exists()

    good = SimpleUploadedFile("list.csv", b"email,consent_at\nOK@example.net,2024-05-01\n")
    client.post(url, {"newsletter": dari.pk, "file": good})
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ok@example.net" and subscriber.consent_at.date() == datetime.date(2024, 5, 1)
    assert Subscription.objects.active().filter(newsletter=dari).count() == 1

    export = client.post(reverse("admin:newsletters_subscriber_export"), {"newsletter": dari.pk})
    lines = export.content.decode().splitlines()
    assert lines[0] == "email,newsletters,language,confirmed_at,consent_at"
    assert lines[1].startswith("ok@example.net,weekly-dari,fa-af,2024-05-01")

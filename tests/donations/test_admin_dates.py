"""One date style in the admin: "03 Dec 2026 16:01 Oslo · 19:31 Kabul", also on history pages."""

import datetime

import pytest
import reversion
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from donations.models import DonationDetails
from tests.donations.factories import seed_details
from tests.factories import ArticleFactory

# 16:01 in Oslo (winter time) is 19:31 in Kabul.
MOMENT = datetime.datetime(2026, 12, 3, 15, 1, tzinfo=datetime.UTC)
OSLO_KABUL = "03 Dec 2026 16:01 Oslo · 19:31 Kabul"
US_STYLE = ("Dec. 3, 2026", "p.m.", "4:01")


@pytest.mark.django_db
def test_the_donation_details_history_shows_oslo_and_kabul(client, superuser):
    details = seed_details()
    LogEntry.objects.create(
        user=superuser, content_type=ContentType.objects.get_for_model(DonationDetails), object_id=str(details.pk),
        object_repr=str(details), action_flag=CHANGE, change_message="Changed appeal text.", action_time=MOMENT,
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:donations_donationdetails_history", args=[details.pk])).content.decode()
    assert OSLO_KABUL in page
    assert not any(us in page for us in US_STYLE)


@pytest.mark.django_db
def test_an_articles_history_shows_oslo_and_kabul(client, editor):
    article = ArticleFactory(draft=True)
    with time_machine.travel(MOMENT, tick=False), reversion.create_revision():
        article.save()
        reversion.set_user(editor)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert OSLO_KABUL in page
    assert not any(us in page for us in US_STYLE)


@pytest.mark.django_db
def test_times_a_package_prints_in_the_default_format_read_oslo(client, superuser):
    """django-axes' list of sign-in attempts, like any admin list column of a time, uses DATETIME_FORMAT."""
    from axes.models import AccessAttempt

    with time_machine.travel(MOMENT, tick=False):
        AccessAttempt.objects.create(username="someone", ip_address="192.0.2.1", failures_since_start=1,
                                     user_agent="test", path_info="/admin/login/", get_data="", post_data="")
    client.force_login(superuser)
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "03 Dec 2026 16:01 Oslo" in page
    assert not any(us in page for us in US_STYLE)

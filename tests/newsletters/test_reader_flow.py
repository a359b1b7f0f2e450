"""A reader signs up on an edition, confirms from the email, changes newsletters and leaves.
Mail goes through a real SMTP server on loopback and is read back from it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsletters.models import Newsletter, Subscriber, Subscription

pytestmark = pytest.mark.django_db


def _links(received):
    message = received.parsed()
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"https?://\S+", text), message


def _sign_up(client, language, email, newsletters):
    with translation.override(language):
        url = reverse("newsletters:signup")
    return client.post(url, {"email": email, "newsletters": [n.pk for n in newsletters]})


def test_a_pashto_reader_confirms_from_a_pashto_email_and_only_then_is_subscribed(client, smtp_server, run_worker):
    pashto = Newsletter.objects.get(slug="weekly-pashto")
    response = _sign_up(client, "ps", "Reader@Example.NET", [pashto])
    assert response.status_code == 302
    assert response["Location"] == "/ps/newsletters/check-your-email/"
    assert not Subscriber.objects.exists()  # nothing stored before the reader confirms

    run_worker()
    (received,) = smtp_server.messages
    assert received.rcpt_tos == ["reader@example.net"]
    links, message = _links(received)
    assert message["Content-Language"] == "ps"
    assert message["Subject"].strip() == "دعوت میډیا ته خپل ګډون تایید کړئ"  # in Pashto, with the Pashto site's name
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'dir="rtl"' in html and "text-align: right" in html
    (confirm_url,) = [link for link in links if "/confirm/" in link]
    path = confirm_url.split("example.com", 1)[1]
    assert path.startswith("/ps/newsletters/confirm/")

    assert client.get(path).status_code == 200  # a link scanner's GET confirms nothing
    assert not Subscriber.objects.exists()
    assert client.post(path).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.net" and subscriber.confirmed_at and subscriber.language == "ps"
    assert list(Subscription.objects.active().values_list("newsletter__slug", flat=True)) == ["weekly-pashto"]


def test_the_answer_is_the_same_for_a_new_and_a_subscribed_address(client, smtp_server):
    english = Newsletter.objects.get(slug="daily-english")
    first = _sign_up(client, "en", "new@example.net", [english])
    from tests.newsletters.factories import SubscriberFactory

    Subscription.objects.create(subscriber=SubscriberFactory(email="old@example.net"), newsletter=english)
    second = _sign_up(client, "en", "old@example.net", [english])
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])


def test_sign_ups_are_throttled_per_network_and_per_address(client, settings, smtp_server):
    from django_tasks_db.models import DBTaskResult

    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 5
    settings.NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_DAY = 2
    english = Newsletter.objects.get(slug="daily-english")
    for _ in range(4):
        assert _sign_up(client, "en", "victim@example.net", [english]).status_code == 302
    assert DBTaskResult.objects.count() == 2  # the address gets two confirmations a day, not four
    assert _sign_up(client, "en", "other@example.net", [english]).status_code == 302
    refused = _sign_up(client, "en", "third@example.net", [english])
    assert refused.status_code == 429
    assert "Too many sign-ups" in refused.content.decode()


def test_a_bad_address_is_a_field_error_and_keeps_what_was_typed(client):
    english = Newsletter.objects.get(slug="daily-english")
    response = _sign_up(client, "en", "not-an-address", [english])
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid email address" in body and 'value="not-an-address"' in body


def test_a_tampered_confirmation_link_is_refused(client):
    response = client.get("/en/newsletters/confirm/abc:def/")
    assert response.status_code == 400


def test_the_preference_page_changes_newsletters_and_leaves_all(client):
    from newsletters import tokens
    from tests.newsletters.factories import SubscriberFactory

    english = Newsletter.objects.get(slug="daily-english")
    dari = Newsletter.objects.get(slug="weekly-dari")
    subscriber = SubscriberFactory()
    Subscription.objects.create(subscriber=subscriber, newsletter=english)
    url = reverse("newsletters:preferences", kwargs={"token": tokens.make_manage(subscriber.pk)})
    assert client.get(url).status_code == 200
    client.post(url, {"newsletters": [dari.pk]})
    assert list(Subscription.objects.active().values_list("newsletter__slug", flat=True)) == ["weekly-dari"]
    client.post(url, {})
    assert not Subscription.objects.active().exists()


def test_the_signup_tag_ticks_the_edition_s_newsletters_in_one_query_and_carries_no_csrf_token(
    django_assert_num_queries,
):
    from django.template import engines

    template = engines["jinja2"].from_string(
        '{% set signup = newsletter_signup() %}{% include "newsletters/includes/signup_form.html" %}'
    )
    with translation.override("fa-af"), django_assert_num_queries(1):  # the open newsletters
        html = template.render({})
    dari = Newsletter.objects.get(slug="weekly-dari")
    english = Newsletter.objects.get(slug="daily-english")
    assert re.search(rf'value="{dari.pk}" checked', html)
    assert f'value="{english.pk}"' not in html  # a Dari page offers the Dari newsletters
    assert "csrfmiddlewaretoken" not in html
    assert 'action="/fa-af/newsletters/"' in html


def test_a_newsletter_s_own_page_ticks_that_newsletter(client):
    pashto = Newsletter.objects.get(slug="weekly-pashto")
    html = client.get("/en/newsletters/weekly-pashto/").content.decode()
    assert re.search(rf'value="{pashto.pk}" checked', html)

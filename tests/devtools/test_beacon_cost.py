import io
from functools import partial

import pytest
from django.core.management import call_command

from audience import counting
from audience.models import ArticleReads
from devtools.beacon_cost import measure
from devtools.management.commands import measure_read_beacon
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_new_read_costs_one_insert_a_reload_one_and_a_bot_none():
    counting.forget()
    article = ArticleFactory()
    found = measure(article.pk, requests=20, request_signals=False)
    assert found["new read"]["queries"] == 1  # INSERT ... ON CONFLICT DO NOTHING (the salt is in memory)
    assert found["reload"]["queries"] == 1  # the same insert, which finds the digest and writes nothing
    assert found["bot"]["queries"] == 0
    assert all(found[kind]["µs"] > 0 for kind in ("new read", "reload", "bot", "page hit"))
    assert ArticleReads.objects.get(article=article).reads == 21  # 20 new readers and the warm-up's


def test_the_command_prints_each_kind(monkeypatch):
    ArticleFactory()
    out = io.StringIO()
    monkeypatch.setattr(measure_read_beacon, "measure", partial(measure, request_signals=False))
    call_command(measure_read_beacon.Command(), requests=5, stdout=out)
    assert [line.split()[0] for line in out.getvalue().splitlines()] == ["new", "reload", "bot", "page", "roll-up"]

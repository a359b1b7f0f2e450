import io
import random

import pytest
from django.core.management import call_command

from articles.models import Article
from devtools.management.commands import bench_import, generate_seed_samples
from devtools.samples import sample_document
from importer.document import ParsedDocument
from importer.parser import parse


def test_generated_samples_all_parse_in_every_edition():
    rng = random.Random(5)
    documents = [parse(sample_document(n, rng).encode("utf-8")) for n in range(60)]
    assert all(isinstance(document, ParsedDocument) for document in documents)
    assert {document.language for document in documents} == {"en", "ps", "fa-af"}
    assert len({document.content_hash for document in documents}) == 60


def test_generate_seed_samples_writes_the_files(tmp_path):
    call_command(generate_seed_samples.Command(), str(tmp_path / "out"), "--count", "7", stdout=io.StringIO())
    assert len(list((tmp_path / "out").iterdir())) == 7


@pytest.mark.django_db
def test_bench_import_reports_speed_and_memory_and_cleans_up():
    out = io.StringIO()
    call_command(bench_import.Command(), "--count", "12", stdout=out)
    report = out.getvalue()
    assert "documents/second" in report and "peak RSS" in report
    assert "12 created" in report
    assert not Article.objects.exists()

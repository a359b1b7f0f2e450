"""`make run` loads Pashto and Dari sample stories; one command removes them, and nothing else."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article, ArticleAuthor, Author
from articles.tags import tag_display_name
from tests.factories import ArticleFactory, SectionFactory


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sections(db):
    return [SectionFactory(name="News", slug="news"), SectionFactory(name="Economy", slug="economy")]


def test_three_live_samples_in_each_right_to_left_edition_in_existing_sections(sections):
    assert "Created 6 sample stories" in run("load_sample_stories")
    samples = Article.objects.filter(is_sample=True)
    assert sorted(samples.values_list("language", flat=True)) == ["fa-af"] * 3 + ["ps"] * 3
    assert set(samples.values_list("section__slug", flat=True)) == {"news", "economy"}
    assert samples.published().count() == 6
    pashto = samples.filter(language="ps").first()
    assert any(letter in pashto.body for letter in "ښږډټ")  # Pashto letters, not Arabic placeholders
    assert tag_display_name(pashto.tags.get(name="Afghanistan"), "ps") == "افغانستان"
    # Each has a byline in its own script, so the editions show bylines and author pages too.
    assert [author.name for author in pashto.ordered_authors] == ["ګل احمد"]


def test_the_sample_bylines_have_author_pages(client, sections):
    run("load_sample_stories")
    author = Author.objects.get(slug="sample-farida-rahimi")
    with translation.override("fa-af"):
        page = client.get(author.get_absolute_url()).content.decode()
    assert "فریده رحیمی" in page
    assert all(article.title in page for article in Article.objects.filter(is_sample=True, language="fa-af"))


def test_the_editions_show_them(client, sections):
    run("load_sample_stories")
    for language in ("ps", "fa-af"):
        with translation.override(language):
            home = reverse("articles:home")
        page = client.get(home).content.decode()
        for article in Article.objects.filter(is_sample=True, language=language):
            assert article.title in page, (language, article.title)


def test_loading_twice_creates_nothing_twice(sections):
    run("load_sample_stories")
    assert "already there" in run("load_sample_stories")
    assert Article.objects.filter(is_sample=True).count() == 6


def test_removing_deletes_the_samples_and_nothing_else(sections):
    written = ArticleFactory(title="A story someone wrote", language="ps", section=sections[0])
    run("load_sample_stories")
    # An editor put the sample Pashto byline on a real story: that author stays, the other goes.
    ArticleAuthor.objects.create(article=written, author=Author.objects.get(slug="sample-gul-ahmad"))
    assert "Would delete 6" in run("remove_sample_stories", "--dry-run")
    assert Article.objects.filter(is_sample=True).count() == 6
    assert "Deleted 6 sample stories" in run("remove_sample_stories")
    assert list(Article.objects.all()) == [written]
    assert list(Author.objects.values_list("slug", flat=True)) == ["sample-gul-ahmad"]


def test_without_a_section_it_says_what_to_do(db):
    with pytest.raises(CommandError, match="no section yet"):
        call_command("load_sample_stories", stdout=StringIO())
    assert not Article.objects.exists()

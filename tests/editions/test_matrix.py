import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Language
from editions import matrix
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

MATRIX_URL = reverse("admin:editions_translationstatus_changelist")


@pytest.fixture
def stories(db):
    """One story in every state the matrix shows."""
    complete = ArticleFactory(title="Complete story")
    ArticleFactory(title="Bashpar", language=Language.PASHTO, translation_of=complete)
    ArticleFactory(title="Bashpara", language=Language.DARI, translation_of=complete)
    partial = ArticleFactory(title="Partial story")
    ArticleFactory(title="Review", language=Language.DARI, translation_of=partial, in_review=True)
    stale = ArticleFactory(title="Corrected story")
    stale_ps = ArticleFactory(title="Zor", language=Language.PASHTO, translation_of=stale)
    CorrectionFactory(article=stale)
    dari_original = ArticleFactory(title="دری اصلی", language=Language.DARI)
    return {"complete": complete, "partial": partial, "stale": stale, "stale_ps": stale_ps, "dari": dari_original}


def states(rows):
    return {row.original.title: [cell.state for cell in row.cells] for row in rows}


def test_every_story_has_a_state_in_every_edition(stories):
    rows = matrix.rows_for(matrix.stories(readable=Article.objects.all()))
    # Columns in settings.LANGUAGES order: en, ps, fa-af.
    assert states(rows) == {
        "Complete story": ["published", "published", "published"],
        "Partial story": ["published", "missing", "review"],
        "Corrected story": ["published", "out_of_date", "missing"],
        "دری اصلی": ["missing", "missing", "published"],
    }
    assert [cell.is_original for cell in rows[0].cells] == [False, False, True]


def test_needs_work_leaves_out_complete_stories(stories):
    titles = {a.title for a in matrix.stories(readable=Article.objects.all(), needs_work=True)}
    assert titles == {"Partial story", "Corrected story", "دری اصلی"}


def test_filters_by_section_language_and_headline(stories):
    politics = SectionFactory(slug="politics")
    ArticleFactory(title="Election results", section=politics)
    assert [a.title for a in matrix.stories(readable=Article.objects.all(), section=politics)] == ["Election results"]
    assert [a.title for a in matrix.stories(readable=Article.objects.all(), language="fa-af")] == ["دری اصلی"]
    assert [a.title for a in matrix.stories(readable=Article.objects.all(), query="bashpar")] == ["Complete story"], "a translation's headline finds its story"


def test_the_matrix_page_shows_states_and_offers_translate_and_mark_up_to_date(client, editor, stories):
    client.force_login(editor)
    response = client.get(MATRIX_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Out of date" in page and "In review" in page and "Missing" in page
    assert reverse("admin:editions_translate", args=[stories["partial"].pk]) in page
    assert reverse("admin:editions_mark_up_to_date", args=[stories["stale_ps"].pk]) in page


def test_the_matrix_page_makes_the_same_number_of_queries_for_more_stories(client, editor, stories):
    client.force_login(editor)
    client.get(MATRIX_URL)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(MATRIX_URL)
    for n in range(10):
        original = ArticleFactory(title=f"More {n}")
        ArticleFactory(language=Language.PASHTO, translation_of=original)
    with CaptureQueriesContext(connection) as many:
        client.get(MATRIX_URL)
    assert len(many) == len(few)


def test_the_matrix_is_in_the_admin_menu_for_editors(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{MATRIX_URL}"' in page


def test_readers_and_anonymous_visitors_cannot_see_the_matrix(client):
    assert client.get(MATRIX_URL).status_code == 302  # to the login page

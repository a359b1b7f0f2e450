"""Internal notes and an assignee on a story: the desk's conversation, never the readers'."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleNote
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, SectionFactory, UserFactory

SECRET_NOTE = "Source asked not to be named: Gul Ahmadzai at the ministry"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def with_note(data: dict, text: str) -> dict:
    return {**data, "notes-TOTAL_FORMS": "1", "notes-0-text": text}


@pytest.fixture
def section(db):
    return SectionFactory(name="News", slug="news")


def test_a_note_written_in_the_form_is_kept_with_its_author(client, writer, section):
    article = ArticleFactory(draft=True, section=section, created_by=writer)
    client.force_login(writer)
    response = client.post(change_url(article), with_note(article_form_data(article), "Waiting for the governor's reply"))
    assert response.status_code == 302, response.content.decode()[:3000]
    note = ArticleNote.objects.get(article=article)
    assert note.text == "Waiting for the governor's reply" and note.author == writer


def test_the_form_shows_the_notes_as_a_thread_with_who_wrote_them(client, editor, section):
    article = ArticleFactory(draft=True, section=section)
    colleague = UserFactory(username="farid", first_name="Farid", last_name="Noori", role="Writers")
    ArticleNote.objects.create(article=article, author=colleague, text="First call done")
    ArticleNote.objects.create(article=article, author=editor, text="Check the casualty figure")
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert page.index("First call done") < page.index("Check the casualty figure")
    assert "Farid Noori" in page and "only the newsroom sees these" in page


def test_a_forged_post_cannot_change_or_delete_an_earlier_note(client, editor, section):
    article = ArticleFactory(draft=True, section=section)
    note = ArticleNote.objects.create(article=article, author=editor, text="Original note")
    client.force_login(editor)
    data = {
        **article_form_data(article), "notes-TOTAL_FORMS": "1", "notes-INITIAL_FORMS": "1",
        "notes-0-id": str(note.pk), "notes-0-article": str(article.pk), "notes-0-text": "Rewritten", "notes-0-DELETE": "on",
    }
    client.post(change_url(article), data)
    note.refresh_from_db()
    assert note.text == "Original note"


def test_a_writer_cannot_add_a_note_to_a_story_that_is_not_theirs(client, writer, editor, section):
    others = ArticleFactory(draft=True, section=section, created_by=editor)
    client.force_login(writer)
    response = client.post(change_url(others), with_note(article_form_data(others), "Sneaky"))
    assert response.status_code == 403
    assert not ArticleNote.objects.exists()


def test_an_editor_assigns_a_story_and_it_lands_on_the_writers_desk(client, editor, writer, section):
    article = ArticleFactory(title="Flood in Nangarhar: follow-up", draft=True, section=section, created_by=editor)
    client.force_login(editor)
    response = client.post(change_url(article), article_form_data(article, assignee=str(writer.pk)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).assignee == writer
    client.force_login(writer)
    desk = client.get(reverse("admin:index")).content.decode()
    assigned = desk[desk.index("Assigned to you"):desk.index("Your drafts")]
    assert "Flood in Nangarhar: follow-up" in assigned


def test_only_active_staff_can_be_assigned(client, editor, section):
    reader = UserFactory(username="reader", is_staff=False)
    article = ArticleFactory(draft=True, section=section)
    client.force_login(editor)
    response = client.post(change_url(article), article_form_data(article, assignee=str(reader.pk)))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert Article.objects.get(pk=article.pk).assignee is None


def test_notes_and_the_assignee_never_reach_readers(client, section):
    assignee = UserFactory(username="zarghuna.assignee", first_name="Zarghuna", last_name="Assignee")
    article = ArticleFactory(title="Election results in Herat", section=section, assignee=assignee, tags=["Herat"])
    ArticleNote.objects.create(article=article, author=assignee, text=SECRET_NOTE)
    pages = [
        article.get_absolute_url(),
        reverse("articles:section", kwargs={"slug": section.slug}),
        reverse("feeds:site-rss"),
        reverse("feeds:site-atom"),
        reverse("search:results") + "?q=Herat",
        reverse("search:results") + "?q=ministry",
        "/sitemap.xml",
    ]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "Gul Ahmadzai" not in text and "Zarghuna" not in text and "zarghuna.assignee" not in text, url
    assert "Election results in Herat" in client.get(reverse("search:results") + "?q=Herat").content.decode()

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.articles.admin_forms import article_form_data
from tests.factories import SectionFactory


@pytest.fixture
def edited_article(client, editor):
    """An article saved twice through the admin: two revisions."""
    section = SectionFactory()
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form_data(section=section.pk, title="First headline"))
    article = Article.objects.get(title="First headline")
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, title="Second headline", body="<p>Rewritten.</p>"),
    )
    article.refresh_from_db()
    return article


def test_every_admin_save_is_kept_as_a_revision(edited_article):
    versions = Version.objects.get_for_object(edited_article)
    assert [v.field_dict["title"] for v in versions] == ["Second headline", "First headline"]


def test_an_editor_sees_the_history_and_compares_two_versions(client, edited_article):
    history = client.get(reverse("admin:articles_article_history", args=[edited_article.pk]))
    assert history.status_code == 200
    newer, older = Version.objects.get_for_object(edited_article)
    compare = client.get(
        reverse("admin:articles_article_compare", args=[edited_article.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "First headline" in text and "Second headline" in text


def test_restoring_a_revision_brings_back_the_old_text(client, edited_article):
    older = Version.objects.get_for_object(edited_article).last()
    url = reverse("admin:articles_article_revision", args=[edited_article.pk, older.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "First headline" in form.content.decode()
    client.post(url, article_form_data(edited_article, title="First headline", body=older.field_dict["body"]))
    edited_article.refresh_from_db()
    assert edited_article.title == "First headline"
    assert "Rewritten" not in edited_article.body


def test_a_deleted_article_can_be_recovered(client, edited_article):
    pk = edited_article.pk
    client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Article)
    assert deleted.count() == 1
    recover_list = client.get(reverse("admin:articles_article_recoverlist"))
    assert "Second headline" in recover_list.content.decode()
    version = deleted.first()
    client.post(
        reverse("admin:articles_article_recover", args=[version.pk]),
        article_form_data(None, title="Second headline", slug=edited_article.slug, section=edited_article.section_id,
                          body="<p>Rewritten.</p>", status=edited_article.status),
    )
    assert Article.objects.filter(pk=pk, title="Second headline").exists()


def test_services_record_who_published(editor):
    from articles.services import article_publish
    from tests.factories import ArticleFactory

    article = ArticleFactory(draft=True)
    article_publish(article=article, by=editor)
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.user == editor
    assert latest.revision.comment == "Published"


def test_restoring_an_old_version_keeps_a_live_story_live(client, editor, edited_article):
    from articles.services import article_publish

    article_publish(article=edited_article, by=editor)
    first_draft = Version.objects.get_for_object(edited_article).last()
    assert first_draft.field_dict["status"] == "draft"
    url = reverse("admin:articles_article_revision", args=[edited_article.pk, first_draft.pk])
    client.post(url, article_form_data(edited_article, title="First headline", status="draft",
                                       body=first_draft.field_dict["body"], published_at_0="", published_at_1=""))
    edited_article.refresh_from_db()
    assert edited_article.title == "First headline"
    assert edited_article.is_published

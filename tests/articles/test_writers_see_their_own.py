"""Issue 18, item 5: writers read their own stories only; editors read everything.

Every path is tried as an attacker would: by typing the address of another writer's
draft, story in review, embargoed (scheduled) or archived story.
"""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Status
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory


@pytest.fixture
def section(db):
    return SectionFactory(name="News", slug="news")


@pytest.fixture
def other_writer(db):
    return UserFactory(username="other-writer", role="Writers")


def with_two_versions(article, by):
    for title in (f"{article.title} (first)", article.title):
        with reversion.create_revision():
            article.title = title
            article.save()
            reversion.set_user(by)
    return list(Version.objects.get_for_object(article).values_list("pk", flat=True))


@pytest.fixture
def others_stories(section, other_writer):
    """Another writer's unpublished work in every state a reader cannot see."""
    stories = {
        "draft": ArticleFactory(title="Secret draft about the dam", draft=True, section=section, created_by=other_writer),
        "review": ArticleFactory(title="Secret review about the mine", in_review=True, section=section, created_by=other_writer),
        "scheduled": ArticleFactory(title="Embargoed budget story", scheduled=True, section=section, created_by=other_writer),
        "archived": ArticleFactory(title="Archived inquiry", archived=True, section=section, created_by=other_writer),
    }
    for article in stories.values():
        with_two_versions(article, other_writer)
    return stories


STATES = ["draft", "review", "scheduled", "archived"]


def admin_urls(article):
    versions = list(Version.objects.get_for_object(article).values_list("pk", flat=True))
    compare = reverse("admin:articles_article_compare", args=[article.pk])
    return {
        "change": reverse("admin:articles_article_change", args=[article.pk]),
        "history": reverse("admin:articles_article_history", args=[article.pk]),
        "revision": reverse("admin:articles_article_revision", args=[article.pk, versions[0]]),
        "compare": f"{compare}?version_id1={versions[0]}&version_id2={versions[1]}",
        "delete": reverse("admin:articles_article_delete", args=[article.pk]),
    }


@pytest.mark.parametrize("state", STATES)
def test_a_writer_cannot_open_another_writers_story_by_any_admin_address(client, writer, others_stories, state):
    article = others_stories[state]
    client.force_login(writer)
    for name, url in admin_urls(article).items():
        response = client.get(url)
        assert response.status_code == 403, (name, response.status_code)
        assert article.title not in response.content.decode(), name
        assert "Not part of your role" in response.content.decode()  # the admin's own styled page


@pytest.mark.parametrize("state", STATES)
def test_a_writers_forged_posts_to_another_writers_story_change_nothing(client, writer, others_stories, state):
    article = others_stories[state]
    before = Article.objects.values().get(pk=article.pk)
    client.force_login(writer)
    urls = admin_urls(article)
    posts = [
        (urls["change"], article_form_data(article, title="Defaced")),
        (urls["revision"], article_form_data(article, title="Defaced")),
        (urls["delete"], {"post": "yes"}),
        (reverse("admin:articles_article_autosave", args=[article.pk]),
         {"title": "Defaced", "body": "", "standfirst": "", "loaded_version": article.updated_at.isoformat()}),
        (reverse("admin:articles_article_desk_action", args=[article.pk, "return"]), {"note": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Article.objects.values().get(pk=article.pk) == before


def test_the_article_list_its_search_and_autocomplete_show_a_writer_only_their_own(client, writer, others_stories, section):
    own = ArticleFactory(title="My own secret draft", draft=True, section=section, created_by=writer)
    client.force_login(writer)
    changelist = reverse("admin:articles_article_changelist")
    for query in ("", "?q=secret", "?status__exact=published", "?q=Embargoed"):
        page = client.get(changelist + query).content.decode()
        for article in others_stories.values():
            assert article.title not in page, query
    assert own.title in client.get(changelist).content.decode()
    autocomplete = client.get(reverse("admin:autocomplete"), {
        "app_label": "articles", "model_name": "article", "field_name": "translation_of", "term": "secret",
    })
    assert autocomplete.status_code == 200
    assert [result["text"] for result in autocomplete.json()["results"]] == ["My own secret draft"]


def test_the_tag_filter_offers_a_writer_only_the_tags_of_stories_they_may_open(client, writer, editor, others_stories, section):
    others_stories["draft"].tags.add("dam-collapse-leak")
    ArticleFactory(title="My story", draft=True, section=section, created_by=writer, tags=["my-own-tag"])
    ArticleFactory(title="A live story", section=section, tags=["public-tag"])
    changelist = reverse("admin:articles_article_changelist")

    def offered(user):
        client.force_login(user)
        response = client.get(changelist)
        (tags,) = [spec for spec in response.context["cl"].filter_specs if spec.field_path == "tags"]
        return {label for _pk, label in tags.lookup_choices}

    assert offered(writer) == {"my-own-tag"}
    assert "dam-collapse-leak" not in client.get(changelist).content.decode()
    assert {"my-own-tag", "public-tag", "dam-collapse-leak"} <= offered(editor)


def test_a_writer_opens_what_they_created_carry_the_byline_of_or_are_assigned(client, writer, other_writer, section):
    profile = AuthorFactory(name="Writer's byline", user=writer)
    bylined = ArticleFactory(title="Bylined", draft=True, section=section, created_by=other_writer, authors=[profile])
    assigned = ArticleFactory(title="Assigned", in_review=True, section=section, created_by=other_writer, assignee=writer)
    created = ArticleFactory(title="Created", scheduled=True, section=section, created_by=writer)
    client.force_login(writer)
    for article in (bylined, assigned, created):
        assert client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 200, article.title
        assert client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 200
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert all(title in page for title in ("Bylined", "Assigned", "Created"))
    assert set(Article.objects.visible_to(writer)) == {bylined, assigned, created}


def test_an_editor_opens_everything(client, editor, others_stories):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    for article in others_stories.values():
        assert article.title in page
        for name, url in admin_urls(article).items():
            assert client.get(url).status_code == 200, name


def test_a_story_that_does_not_exist_is_refused_like_anothers_so_ids_reveal_nothing(client, writer, others_stories):
    client.force_login(writer)
    missing = reverse("admin:articles_article_change", args=[999999])
    taken = reverse("admin:articles_article_change", args=[others_stories["draft"].pk])
    assert client.get(missing).status_code == client.get(taken).status_code == 403


def test_the_translation_matrix_and_translate_follow_the_same_rule(client, writer, others_stories):
    client.force_login(writer)
    matrix = client.get(reverse("admin:editions_translationstatus_changelist")).content.decode()
    for article in others_stories.values():
        assert article.title not in matrix
    draft = others_stories["draft"]
    response = client.post(reverse("admin:editions_translate", args=[draft.pk]), {"language": "ps"})
    assert response.status_code == 403
    assert not Article.objects.filter(translation_of=draft).exists()


def test_visible_to_gives_inactive_and_non_staff_accounts_nothing(others_stories):
    gone = UserFactory(username="left-the-paper", role="Editors", is_active=False)
    reader = UserFactory(username="reader", is_staff=False)
    assert not Article.objects.visible_to(gone).exists() and not Article.objects.visible_to(reader).exists()
    assert set(Article.objects.readable_by(reader)) == set(Article.objects.published())


@pytest.mark.parametrize("state", STATES)
def test_a_writer_cannot_preview_another_writers_story(client, writer, others_stories, state):
    article = others_stories[state]
    client.force_login(writer)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", STATES)
def test_a_writer_previews_their_own_story_and_an_editor_any(client, writer, editor, others_stories, state):
    article = others_stories[state]
    client.force_login(editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    Article.objects.filter(pk=article.pk).update(assignee=writer)
    client.force_login(writer)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert Article.objects.get(pk=article.pk).status == Status(article.status)

"""The permission matrix, through real admin requests for each role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def section(db):
    return SectionFactory(name="News", slug="news")


def test_a_writer_creates_a_draft_that_is_theirs(client, writer, section):
    client.force_login(writer)
    response = client.post(ADD_URL, article_form_data(section=section.pk, title="Writer's story"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Writer's story")
    assert article.status == Status.DRAFT
    assert article.created_by == writer and article.updated_by == writer


def test_a_writer_who_forges_the_status_still_cannot_publish(client, writer, section):
    client.force_login(writer)
    now = timezone.localtime()
    forged = article_form_data(
        section=section.pk, title="Forged", status="published",
        published_at_0=now.strftime("%Y-%m-%d"), published_at_1=now.strftime("%H:%M:%S"),
    )
    client.post(ADD_URL, forged)
    article = Article.objects.get(title="Forged")
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert not Article.objects.published().filter(pk=article.pk).exists()
    # And the same forgery on their existing draft.
    client.post(change_url(article), {**forged, "slug": article.slug})
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.published_at is None


def test_a_writer_submits_a_draft_for_review(client, writer, section):
    client.force_login(writer)
    client.post(ADD_URL, article_form_data(section=section.pk, title="For review", _submit_for_review="1"))
    assert Article.objects.get(title="For review").status == Status.REVIEW


def test_a_writer_cannot_edit_a_published_article_or_someone_elses_draft(client, writer, editor, section):
    published = ArticleFactory(section=section, created_by=writer)
    others_draft = ArticleFactory(section=section, draft=True, created_by=editor)
    client.force_login(writer)
    for article in (published, others_draft):
        response = client.post(change_url(article), article_form_data(article, title="Defaced"))
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title != "Defaced"
    # They may still read their own published story, without a save button; another writer's draft
    # they may not even open (issue 18, item 5: tests/articles/test_writers_see_their_own.py).
    page = client.get(change_url(published))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(change_url(others_draft)).status_code == 403


def test_a_writer_cannot_delete_a_published_article(client, writer, section):
    article = ArticleFactory(section=section, created_by=writer)
    client.force_login(writer)
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_an_editor_publishes_and_schedules(client, editor, section):
    draft = ArticleFactory(section=section, draft=True)
    client.force_login(editor)
    response = client.post(change_url(draft), article_form_data(draft, _desk_action="publish"))
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=draft.pk).exists()

    later = timezone.localtime() + datetime.timedelta(days=2)
    other = ArticleFactory(section=section, draft=True)
    client.post(change_url(other), article_form_data(other, _desk_action="schedule", schedule_at=later.strftime("%Y-%m-%dT%H:%M")))
    other.refresh_from_db()
    assert other.is_scheduled and not other.is_published


def test_an_editor_saving_the_form_does_not_change_the_state(client, editor, section):
    """The state changes only through the publishing actions; a posted "status" is ignored."""
    draft = ArticleFactory(section=section, in_review=True)
    client.force_login(editor)
    response = client.post(change_url(draft), article_form_data(draft, status="published", title="Edited"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Edited" and draft.status == Status.REVIEW


def test_bulk_publish_is_for_editors_only(client, writer, editor, section):
    drafts = [ArticleFactory(section=section, draft=True, created_by=writer) for _ in range(2)]
    action = {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]}
    changelist = reverse("admin:articles_article_changelist")

    client.force_login(writer)
    client.post(changelist, action)
    assert not Article.objects.published().filter(pk__in=[a.pk for a in drafts]).exists()

    client.force_login(editor)
    client.post(changelist, action)
    assert Article.objects.published().filter(pk__in=[a.pk for a in drafts]).count() == 2

    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [a.pk for a in drafts]})
    assert not Article.objects.published().filter(pk__in=[a.pk for a in drafts]).exists()


def test_the_treasurer_cannot_write_articles(client, treasurer, section):
    client.force_login(treasurer)
    assert client.get(ADD_URL).status_code == 403
    response = client.post(ADD_URL, article_form_data(section=section.pk, title="Treasurer's"))
    assert response.status_code == 403
    assert not Article.objects.filter(title="Treasurer's").exists()


ADMIN_PAGES = [
    ("articles", "article"), ("articles", "section"), ("articles", "author"), ("articles", "correction"), ("taggit", "tag"),
]
# role -> (can add, can change) per model; every role can at least view.
EXPECTED = {
    "writer": {"article": (True, True), "section": (False, False), "author": (False, False), "correction": (False, False), "tag": (False, False)},
    "editor": {model: (True, True) for _, model in ADMIN_PAGES},
    "treasurer": {model: (False, False) for _, model in ADMIN_PAGES},
}


@pytest.mark.parametrize("role", ["writer", "editor", "treasurer"])
def test_every_admin_page_loads_for_each_role(client, role, request, section, editor):
    user = request.getfixturevalue(role)
    article = ArticleFactory(section=section, tags=["Kabul"], created_by=user if role == "writer" else editor, draft=True)
    from taggit.models import Tag

    from tests.factories import AuthorFactory, CorrectionFactory

    objects = {
        "article": article, "section": section, "author": AuthorFactory(),
        "correction": CorrectionFactory(article=article), "tag": Tag.objects.get(name="Kabul"),
    }
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    for app, model in ADMIN_PAGES:
        can_add, can_change = EXPECTED[role][model]
        changelist = client.get(reverse(f"admin:{app}_{model}_changelist"))
        if role == "treasurer" and model != "article":
            assert changelist.status_code == 403, (role, model)
            continue
        assert changelist.status_code == 200, (role, model)
        assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == (200 if can_add else 403), (role, model)
        change = client.get(reverse(f"admin:{app}_{model}_change", args=[objects[model].pk]))
        if role == "treasurer" and model == "article":
            # An editor's draft: only editors and its own writers may open it (issue 18, item 5).
            assert change.status_code == 403
            continue
        assert change.status_code == 200, (role, model)
        assert (b'name="_save"' in change.content) is can_change, (role, model)


def test_only_editors_may_recover_deleted_articles(client, writer, editor, section):
    changelist = reverse("admin:articles_article_changelist")
    recover_list = reverse("admin:articles_article_recoverlist")
    client.force_login(writer)
    assert b"Recover deleted" not in client.get(changelist).content
    assert client.get(recover_list).status_code == 403
    client.force_login(editor)
    assert b"Recover deleted" in client.get(changelist).content
    assert client.get(recover_list).status_code == 200


def test_editors_do_not_see_the_writers_submit_button(client, writer, editor):
    client.force_login(writer)
    assert b"_submit_for_review" in client.get(ADD_URL).content
    client.force_login(editor)
    assert b"_submit_for_review" not in client.get(ADD_URL).content


def test_a_writer_cannot_publish_by_restoring_an_old_revision(client, writer, editor, section):
    import reversion
    from reversion.models import Version

    article = ArticleFactory(section=section, draft=True, created_by=writer)
    with reversion.create_revision():
        article.status, article.published_at = Status.PUBLISHED, timezone.now()
        article.save()
    with reversion.create_revision():
        article.status = Status.DRAFT
        article.published_at = None
        article.save()
    live_version = Version.objects.get_for_object(article).last()
    assert live_version.field_dict["status"] == Status.PUBLISHED
    client.force_login(writer)
    url = reverse("admin:articles_article_revision", args=[article.pk, live_version.pk])
    response = client.post(url, article_form_data(article))
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_corrections_show_on_a_writers_form_only_when_there_are_some(client, writer, editor, section):
    article = ArticleFactory(section=section, draft=True, created_by=writer)
    client.force_login(writer)
    assert 'id="corrections-group"' not in client.get(change_url(article)).content.decode()
    article.corrections.create(text="The minister's name was misspelled.")
    assert 'id="corrections-group"' in client.get(change_url(article)).content.decode()
    client.force_login(editor)
    assert 'id="corrections-group"' in client.get(change_url(ArticleFactory(section=section))).content.decode()

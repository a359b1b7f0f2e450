import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Language, Status
from editions import services
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

GIF_1PX = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@pytest.fixture
def original(db):
    reporters = [AuthorFactory(name="Zarghona"), AuthorFactory(name="Bilal")]
    # The stored file's name and size, as the admin leaves them after an upload.
    return ArticleFactory(
        title="Floods in Nangarhar", tags=["Floods", "Nangarhar"], authors=reporters,
        hero_image="heroes/2026/11/flood.jpg", hero_width=1600, hero_height=900,
        hero_alt="A flooded street in Jalalabad", hero_credit="Dawat Media",
    )


def test_translate_creates_a_linked_draft_with_section_tags_byline_and_photo(original, editor):
    created = services.article_translate(article=original, language=Language.PASHTO, by=editor)

    draft = Article.objects.get(pk=created.pk)
    assert draft.translation_of == original
    assert draft.language == "ps"
    assert draft.status == Status.DRAFT and not draft.is_published
    assert draft.section == original.section
    assert sorted(draft.tags.names()) == ["Floods", "Nangarhar"]
    assert [a.name for a in draft.ordered_authors] == ["Zarghona", "Bilal"]
    assert draft.hero_image.name == "heroes/2026/11/flood.jpg"
    assert (draft.hero_width, draft.hero_height, draft.hero_credit) == (1600, 900, "Dawat Media")
    assert draft.body == original.body, "the translator starts from the original's text"
    assert draft.created_by == editor
    assert draft.slug != original.slug


def test_translating_a_translation_links_the_new_draft_to_the_original(original, editor):
    pashto = services.article_translate(article=original, language=Language.PASHTO, by=editor)
    dari = services.article_translate(article=pashto, language=Language.DARI, by=editor)
    assert dari.translation_of == original


def test_a_second_translation_into_the_same_language_is_refused_and_points_to_the_first(original, editor):
    first = services.article_translate(article=original, language=Language.DARI, by=editor)
    with pytest.raises(services.TranslationExists) as refused:
        services.article_translate(article=original, language=Language.DARI, by=editor)
    assert refused.value.existing == first
    with pytest.raises(services.TranslationExists):
        services.article_translate(article=original, language=Language.ENGLISH, by=editor)


def test_an_unknown_language_is_refused_clearly(original, editor):
    with pytest.raises(ValidationError, match="Unknown edition language"):
        services.article_translate(article=original, language="de", by=editor)


def test_someone_who_may_not_create_articles_may_not_translate(original, treasurer):
    with pytest.raises(PermissionDenied):
        services.article_translate(article=original, language=Language.PASHTO, by=treasurer)
    assert not Article.objects.filter(translation_of=original).exists()


def test_a_writer_may_start_a_translation(original, writer):
    draft = services.article_translate(article=original, language=Language.PASHTO, by=writer)
    assert draft.created_by == writer


def test_the_translate_button_creates_the_draft_and_opens_it(client, original, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:editions_translate", args=[original.pk]), {"language": "fa-af"})
    draft = Article.objects.get(translation_of=original, language="fa-af")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])


def test_the_translate_button_for_an_existing_language_opens_the_existing_version(client, original, editor):
    existing = services.article_translate(article=original, language=Language.PASHTO, by=editor)
    client.force_login(editor)
    response = client.post(reverse("admin:editions_translate", args=[original.pk]), {"language": "ps"})
    assert response["Location"] == reverse("admin:articles_article_change", args=[existing.pk])
    assert Article.objects.filter(translation_of=original).count() == 1


def test_the_translate_button_answers_only_post(client, original, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:editions_translate", args=[original.pk]) + "?language=ps").status_code == 405
    assert not Article.objects.filter(translation_of=original).exists()


def test_the_article_form_offers_translate_into_each_missing_language(client, original, editor):
    services.article_translate(article=original, language=Language.PASHTO, by=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[original.pk])).content.decode()
    assert 'name="language" value="fa-af"' in page
    assert 'name="language" value="ps"' not in page, "Pashto exists: linked, not offered again"
    assert reverse("admin:editions_translate", args=[original.pk]) in page


def test_the_article_form_sets_the_text_direction_from_the_language(client, editor):
    dari = ArticleFactory(language=Language.DARI, title="سیلاب در ننگرهار")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[dari.pk])).content.decode()
    assert 'dir="rtl"' in page and 'id="id_title"' in page
    assert "editions/admin-direction.js" in page


def test_a_user_without_add_permission_sees_no_translate_button(client, original):
    viewer = UserFactory(username="viewer", role="Treasurer")
    client.force_login(viewer)
    page = client.get(reverse("admin:articles_article_change", args=[original.pk])).content.decode()
    assert reverse("admin:editions_translate", args=[original.pk]) not in page
    response = client.post(reverse("admin:editions_translate", args=[original.pk]), {"language": "ps"})
    assert response.status_code == 403


def test_an_uploaded_hero_is_shared_not_copied(editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    original = ArticleFactory(hero_image=SimpleUploadedFile("x.gif", GIF_1PX, content_type="image/gif"), hero_alt="A dot")
    draft = services.article_translate(article=original, language=Language.PASHTO, by=editor)
    assert draft.hero_image.name == original.hero_image.name
    assert len(list(tmp_path.rglob("*.gif"))) == 1

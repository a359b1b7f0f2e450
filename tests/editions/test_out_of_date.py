import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services as article_services
from articles.models import Article, Language
from editions import services
from editions.changes import changed_words
from editions.matrix import edition_state
from editions.models import OutOfDateReason, TranslationStatus
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db

LONG_BODY = "<p>" + " ".join(f"word{n}" for n in range(300)) + "</p>"


@pytest.fixture
def original(db):
    return ArticleFactory(title="Floods in Nangarhar kill dozens", body=LONG_BODY)


@pytest.fixture
def live_translation(original):
    return ArticleFactory(language=Language.PASHTO, translation_of=original, title="په ننګرهار کې سیلابونه")


def status_of(article):
    return TranslationStatus.objects.filter(translation=article).first()


def fresh(article):
    return Article.objects.select_related("translation_status").get(pk=article.pk)


def is_flagged(article):
    status = status_of(article)
    return status is not None and status.is_out_of_date


def test_a_correction_to_the_original_puts_its_live_translations_out_of_date(original, live_translation):
    CorrectionFactory(article=original, text="The death toll was 31, not 13.")
    status = status_of(live_translation)
    assert status.is_out_of_date
    assert status.reason == OutOfDateReason.CORRECTION
    assert "31, not 13" in status.detail
    assert edition_state(fresh(live_translation)) == "out_of_date"


def test_a_correction_leaves_unpublished_translations_alone(original):
    draft = ArticleFactory(language=Language.DARI, translation_of=original, draft=True)
    scheduled = ArticleFactory(language=Language.PASHTO, translation_of=original, scheduled=True)
    CorrectionFactory(article=original)
    assert not is_flagged(draft) and not is_flagged(scheduled)


def test_a_substantial_edit_of_the_original_puts_the_translation_out_of_date(original, live_translation, editor):
    original.body = LONG_BODY.replace("</p>", " A new paragraph: the governor said aid would reach the valley by Friday.</p>")
    article_services.article_publish(article=original, by=editor)
    status = status_of(live_translation)
    assert status.is_out_of_date and status.reason == OutOfDateReason.EDIT


def test_a_rewritten_headline_is_substantial(original, live_translation):
    original.title = "Floods in Nangarhar: the army sends helicopters"
    original.save()
    assert status_of(live_translation).is_out_of_date


def test_a_typo_fix_does_not_send_the_translator_back(original, live_translation):
    original.body = LONG_BODY.replace("word7 ", "wrod7 ")
    original.title = "Floods in Nangarhar kill dozen"
    original.save()
    assert not is_flagged(live_translation)


def test_editing_the_translation_itself_flags_nothing(original, live_translation):
    live_translation.body = "<p>" + "نوی متن " * 50 + "</p>"
    live_translation.save()
    assert not TranslationStatus.objects.filter(out_of_date_since__isnull=False).exists()


def test_loading_fixtures_flags_nothing(original, live_translation):
    from editions.signals import flag_translations_after_correction

    correction = CorrectionFactory.build(article=original)
    flag_translations_after_correction(sender=None, instance=correction, created=True, raw=True)
    assert not is_flagged(live_translation)


def test_marking_up_to_date_clears_the_flag_and_records_who(client, original, live_translation, editor):
    CorrectionFactory(article=original)
    client.force_login(editor)
    response = client.post(reverse("admin:editions_mark_up_to_date", args=[live_translation.pk]))
    assert response.status_code == 302
    status = status_of(live_translation)
    assert not status.is_out_of_date and status.checked_by == editor
    assert edition_state(fresh(live_translation)) == "published"


def test_a_second_change_keeps_the_first_flag_time_and_adds_its_note(original, live_translation):
    CorrectionFactory(article=original, text="First fix.")
    first = status_of(live_translation).out_of_date_since
    CorrectionFactory(article=original, text="Second fix.")
    status = status_of(live_translation)
    assert status.out_of_date_since == first
    assert "First fix." in status.detail and "Second fix." in status.detail


def test_a_writer_cannot_clear_the_flag_on_a_published_translation(original, live_translation, writer):
    CorrectionFactory(article=original)
    with pytest.raises(PermissionDenied):
        services.translation_mark_up_to_date(translation=live_translation, by=writer)
    assert status_of(live_translation).is_out_of_date


def test_small_edits_that_add_up_are_caught(original, live_translation):
    """Each save changes a few words; against what the translator had, it is a rewrite."""
    for round_ in range(4):
        original.body = original.body.replace(f"word{round_ * 10} word{round_ * 10 + 1} word{round_ * 10 + 2}", "new new new")
        original.save()
    assert is_flagged(live_translation)


def test_a_translation_made_with_translate_is_measured_from_the_text_it_started_from(original, editor):
    draft = services.article_translate(article=original, language=Language.DARI, by=editor)
    original.body = LONG_BODY.replace("</p>", " Five more words added here.</p>")
    original.save()  # before the translation is live: nothing to flag yet
    draft.body = "<p>ترجمه</p>"
    draft.publish()
    draft.save()
    original.body = original.body.replace("</p>", " And six more words added now.</p>")
    original.save()
    assert is_flagged(draft), "5 + 6 words since the translator's copy"


def test_marking_up_to_date_takes_the_originals_current_text_as_the_new_baseline(client, original, live_translation, editor):
    CorrectionFactory(article=original)
    original.body = LONG_BODY.replace("</p>", " Eight new words in the text right here.</p>")
    original.save()
    services.translation_mark_up_to_date(translation=live_translation, by=editor)
    assert status_of(live_translation).original_text["body"] == original.body
    original.title = original.title + "!"
    original.save()
    assert not is_flagged(live_translation)


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [("a b c", "a b c", 0), ("a b c", "a x c", 1), ("a b c", "a b c d e", 2), ("<p>one two</p>", "<p>one</p> <p>two</p>", 0)],
)
def test_changed_words_counts_words_not_markup(old, new, changed):
    assert changed_words(old, new) == changed

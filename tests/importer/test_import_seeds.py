"""import_seeds end to end: the seed becomes the expected article, re-runs are idempotent, bad files are refused."""

import io
import shutil
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, Section, Status
from donations.models import DonationDetails, PaymentMethod
from importer.services import ArticleImporter, Result
from search.models import SearchDocument
from tests.donations.factories import seed_details
from tests.importer.conftest import SAMPLES, SEED

pytestmark = pytest.mark.django_db

SEED_NAME = SEED.name


def run(*args):
    """(exit status, stdout, stderr) of one import_seeds run."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        status = error.returncode
        err.write(str(error))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SEED, tmp_path / SEED_NAME)
    return tmp_path


def copy_sample(folder, name, as_name=None):
    shutil.copy(SAMPLES / name, folder / (as_name or name))


# -- the seed ---------------------------------------------------------------------------------


def test_the_seed_becomes_exactly_the_expected_article(folder):
    status, out, err = run(folder)

    assert status == 0, err
    article = Article.objects.get()
    assert article.title.startswith("Russia Denies Mediating Pakistan’s Ties")
    assert article.view_count == 33
    assert article.language == "en"
    assert article.status == Status.PUBLISHED and article.is_published
    assert article.section.name == "News" and article.section.slug == "news"
    assert article.standfirst.startswith("Russia has clarified that it is not acting as a mediator")
    assert article.body.count("<h2>") == 3
    assert "<h2>Official Position and Historical Context</h2>" in article.body
    assert "<h2>Deepening Russia-Pakistan Ties</h2>" in article.body
    assert "<h2>Strategic Implications</h2>" in article.body
    assert article.body.count("<li>") == 3
    assert "<li><strong>Industry &amp; Energy:</strong> Major projects" in article.body
    for footer_text in ["Our Pashto-Dari Website", "Donate", "Comments are closed", "Vipps", "NO15", "Russia has clarified"]:
        assert footer_text not in article.body
    assert {"Russia", "Pakistan", "India", "Afghanistan", "China", "SCO"} <= set(article.tags.names())
    # The links carry the story's time, for the tag pages' order (articles.models.keep_link_times).
    assert set(article.tagged_items.values_list("published_at", flat=True)) == {article.published_at}
    assert article.source_name == SEED_NAME and len(article.source_hash) == 64
    assert article.imported_at == article.updated_at
    assert "1 created" in out


def test_search_finds_a_new_article_by_its_tags(folder):
    run(folder)

    article = Article.objects.get()
    assert set(SearchDocument.objects.get(article=article).tags.split()) == set(article.tags.names())


def test_a_new_article_is_indexed_for_search_once_after_its_tags(folder):
    # The save and the tagging each asked for the document; one batch writes it once.
    with CaptureQueriesContext(connection) as queries:
        run(folder)
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "search_searchdocument"')]
    assert len(writes) == 1


def test_a_file_is_matched_only_to_an_imported_article_of_its_name(folder):
    """Articles made elsewhere may carry a source name (the demo generator's); they are not the file's."""
    other = Article.objects.create(
        title="Demo", section=Section.objects.create(name="Demo", slug="demo"), source_name=SEED_NAME
    )

    status, out, _ = run(folder)

    assert status == 0 and "1 created" in out
    assert Article.objects.count() == 2
    other.refresh_from_db()
    assert other.title == "Demo"


def test_the_footer_creates_the_donation_details_when_the_site_has_none(folder):
    run(folder)

    details = DonationDetails.objects.get()
    assert details.organisation == "Dawat Media Center"
    assert set(PaymentMethod.objects.values_list("kind", flat=True)) == {"bank_account", "iban", "vipps"}


def test_different_donation_details_are_never_overwritten_but_warned_about(folder):
    seed_details()
    (folder / "other.txt").write_text(
        SEED.read_text().replace("Vipps: #557320", "Vipps: #999999").replace("Russia Denies", "Russia Rejects"),
        encoding="utf-8",
    )

    status, out, err = run(folder)

    assert status == 0
    assert PaymentMethod.objects.get(kind="vipps").vipps_number == "557320"
    assert "WARNING other.txt: Vipps number 999999 differs from the site's 557320" in err


# -- idempotency -----------------------------------------------------------------------------


def test_running_again_changes_nothing(folder):
    run(folder)
    first = Article.objects.get()

    status, out, _ = run(folder)

    assert status == 0
    assert "0 created, 0 updated, 1 unchanged" in out
    again = Article.objects.get()
    assert again.updated_at == first.updated_at
    assert Article.objects.count() == 1


def test_the_same_text_under_another_name_is_a_duplicate(folder):
    run(folder)
    shutil.copy(SEED, folder / "copy-of-the-seed.txt")

    status, out, _ = run(folder)

    assert status == 0
    assert Article.objects.count() == 1
    assert "SKIPPED copy-of-the-seed.txt: duplicate of 000_eda39bf8056b1bf4.txt" in out
    assert "1 skipped" in out


def test_a_re_encoded_copy_is_a_duplicate_too(tmp_path):
    copy_sample(tmp_path, "crlf.txt")
    copy_sample(tmp_path, "utf16_bom.txt")

    status, out, _ = run(tmp_path)

    assert status == 0
    assert Article.objects.count() == 1
    assert "duplicate of crlf.txt" in out


def change_seed(folder, new_title="Russia Clarifies Its Role"):
    path = folder / SEED_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Russia Denies Mediating Pakistan’s Ties with India and Afghanistan, Stresses Bilateral Resolution", new_title
    ), encoding="utf-8")


def test_changed_text_updates_the_article(folder):
    run(folder)
    change_seed(folder)

    status, out, _ = run(folder)

    assert status == 0 and "1 updated" in out
    article = Article.objects.get()
    assert article.title == "Russia Clarifies Its Role"
    assert article.imported_at == article.updated_at
    assert article.source_name == SEED_NAME


def test_an_article_edited_in_the_admin_is_skipped(folder):
    run(folder)
    article = Article.objects.get()
    article.title = "An editor's better headline"
    article.save()
    change_seed(folder)

    status, out, _ = run(folder)

    assert status == 0
    assert f"SKIPPED {SEED_NAME}: edited in the admin" in out
    assert Article.objects.get().title == "An editor's better headline"


def test_force_overwrites_an_edited_article_and_keeps_the_editors_version(folder):
    run(folder)
    article = Article.objects.get()
    article.title = "An editor's better headline"
    article.save()
    change_seed(folder)

    status, out, _ = run(folder, "--force")

    assert status == 0 and "1 updated" in out
    article.refresh_from_db()
    assert article.title == "Russia Clarifies Its Role"
    titles = [version.field_dict["title"] for version in Version.objects.get_for_object(article)]
    assert "An editor's better headline" in titles


def test_an_insert_racing_another_run_is_caught_by_the_database(folder):
    """Two runs look up the same new file at once; the second insert must fail, not duplicate."""
    run(folder)  # "the other run" got there first

    class BlindToTheOtherRun(ArticleImporter):
        looked = False

        def _article_with_text(self, content_hash):
            if not self.looked:  # the first look-up happened before the other run committed
                self.looked = True
                return None
            return super()._article_with_text(content_hash)

        def _article_from_file(self, source_name):
            return super()._article_from_file(source_name) if self.looked and self._retried else None

        _retried = False

        def _store_in_transaction(self, parsed, source_name):
            try:
                return super()._store_in_transaction(parsed, source_name)
            except IntegrityError:
                self._retried = True
                raise

    importer = BlindToTheOtherRun(section=Section.objects.get())
    outcome = importer.import_file(folder / SEED_NAME)

    assert importer._retried
    assert outcome.result == Result.UNCHANGED
    assert Article.objects.count() == 1


def test_a_run_that_sees_the_other_runs_file_but_not_its_text_calls_it_unchanged(folder):
    """Between our two look-ups another run committed this very file: nothing to update."""
    run(folder)

    class HashLookupTooEarly(ArticleImporter):
        def _article_with_text(self, content_hash):
            return None

    before = Article.objects.get()
    outcome = HashLookupTooEarly(section=Section.objects.get()).import_file(folder / SEED_NAME)

    assert outcome.result == Result.UNCHANGED
    assert Article.objects.get().updated_at == before.updated_at


# -- rejections and exit codes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty file"),
        ("binary.png", "binary file"),
        ("no_headline.txt", "no headline (the first line has no words)"),
        ("no_body.txt", "no body"),
    ],
)
def test_a_rejected_file_says_why_and_does_not_stop_the_others(folder, name, reason):
    copy_sample(folder, name, as_name=f"aaa-{name}")  # sorts before the seed

    status, out, err = run(folder)

    assert status == 1
    assert f"REJECTED aaa-{name}: {reason}" in err
    assert "1 created" in out and "1 rejected" in out
    assert Article.objects.count() == 1


def test_a_file_over_5_mb_is_rejected_without_being_read(folder):
    with open(folder / "huge.txt", "wb") as huge:
        huge.write(b"Headline\n\n" + b"x" * (5 * 1024 * 1024 + 1))

    status, _, err = run(folder)

    assert status == 1
    assert "REJECTED huge.txt: file over 5 MB (5.0 MB)" in err


def test_an_unreadable_file_is_rejected_and_the_others_imported(folder):
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")

    status, out, err = run(folder)

    assert status == 1
    assert "REJECTED dangling.txt: unreadable file (No such file or directory)" in err
    assert "1 created" in out


def test_a_missing_path_is_a_usage_error(tmp_path):
    status, _, err = run(tmp_path / "nowhere")
    assert status == 2
    assert "No such file or folder" in err


def test_an_unknown_status_is_a_usage_error(folder):
    with pytest.raises(CommandError):
        call_command("import_seeds", str(folder), "--status", "live")


def test_jobs_on_sqlite_is_a_usage_error(folder):
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL --jobs starts workers, which cannot see this test's transaction")
    status, _, err = run(folder, "--jobs", "2")
    assert status == 2
    assert "--jobs needs PostgreSQL" in err
    assert not Article.objects.exists()


# -- options ----------------------------------------------------------------------------------


def test_dry_run_writes_nothing(folder):
    status, out, _ = run(folder, "--dry-run")

    assert status == 0
    assert "Dry run, nothing written: 1 created" in out
    assert not Article.objects.exists()
    assert not Section.objects.exists()
    assert not Tag.objects.exists()
    assert not DonationDetails.objects.exists()


def test_status_draft_and_a_new_section(folder):
    status, _, _ = run(folder, "--status", "draft", "--section", "Archive 2025")

    assert status == 0
    article = Article.objects.get()
    assert article.status == Status.DRAFT and article.published_at is None
    assert article.section.name_en == "Archive 2025"
    assert article.section.slug == "archive-2025"


@pytest.mark.parametrize("given", ["world", "جهان", "world-news"])
def test_an_existing_section_is_found_by_any_edition_s_name_or_slug(folder, given):
    section = Section.objects.create(name="World", name_en="World", name_fa_af="جهان", slug="world-news")
    run(folder, "--section", given)
    assert Article.objects.get().section == section
    assert Section.objects.count() == 1


def test_a_date_in_the_document_is_the_publication_time(tmp_path):
    copy_sample(tmp_path, "dated_short_footer.txt")
    run(tmp_path)
    article = Article.objects.get()
    assert timezone.localtime(article.published_at).date().isoformat() == "2024-05-14"
    assert timezone.localtime(article.published_at, ZoneInfo("Asia/Kabul")).date().isoformat() == "2024-05-14"
    assert article.view_count == 1204


def test_markup_in_the_text_is_stored_as_text(tmp_path):
    copy_sample(tmp_path, "markup.txt")
    run(tmp_path)
    article = Article.objects.get()
    assert "<script" not in article.body and "<a " not in article.body
    assert "&lt;a href=" in article.body


def test_every_good_sample_imports_and_every_broken_one_is_rejected(tmp_path):
    status, out, err = run(SAMPLES)

    assert status == 1
    # 6 distinct stories: the Kabul one, written in five encodings and line ends, counts once.
    assert "6 created, 0 updated, 0 unchanged, 4 skipped, 5 rejected" in out
    assert {a.language for a in Article.objects.all()} == {"en", "ps", "fa-af"}


def test_quiet_when_not_a_terminal(folder):
    _, out, _ = run(folder)
    assert "\r" not in out and "[#" not in out


def test_the_progress_bar_redraws_one_line():
    from importer.management.commands.import_seeds import Progress

    stream = io.StringIO()
    progress = Progress(OutputWrapper(stream), total=3)
    for _ in range(3):
        progress.advance()
    progress.finish()
    assert stream.getvalue() == "\r[" + "#" * 10 + "." * 20 + "] 1/3\r[" + "#" * 20 + "." * 10 + "] 2/3\r[" + "#" * 30 + "] 3/3\n"


@pytest.mark.django_db
def test_the_default_news_section_is_named_in_every_edition():
    from importer.services import find_or_create_section

    section = find_or_create_section("News")
    assert (section.name_en, section.name_ps, section.name_fa_af) == ("News", "خبرونه", "اخبار")

"""Store parsed documents as articles: one file, one transaction, one outcome.

``ArticleImporter.import_file`` is what ``import_seeds`` calls for each file.
Idempotency lives here:

- the same text (by content hash) under the same name is "unchanged", under
  another name a duplicate, skipped; the unique constraint on
  ``Article.source_hash`` stops two concurrent runs creating one article twice;
- changed text for a known file (``Article.source_name``) updates the article,
  unless an editor saved it since the import (``updated_at > imported_at``):
  then it is skipped, and ``force`` overwrites it, keeping the editor's version
  as a revision.
"""

from __future__ import annotations

import datetime
import os
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, router, transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version
from taggit.models import Tag

from articles.batch import batch
from articles.models import Article, Section, Status, unique_slug
from importer import decoding
from importer.document import ParsedDocument, Reason, Rejection
from importer.gazetteer import Gazetteer
from importer.parser import parse, render_body_html


class Result(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Outcome:
    result: Result
    source_name: str
    detail: str = ""
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.source_name}: {self.result.value}" + (f": {self.detail}" if self.detail else "")


DEFAULT_SECTION_NAMES = {"News": {"name_ps": "خبرونه", "name_fa_af": "اخبار"}}


def find_section(name: str) -> Section | None:
    """The section with this slug, or this name in any edition ("News", "خبرونه", "news")."""
    matches = Q(slug=slugify(name, allow_unicode=True))
    for code, _label in settings.LANGUAGES:
        matches |= Q(**{f"{build_localized_fieldname('name', code)}__iexact": name})
    return Section.objects.filter(matches).order_by("pk").first()


def find_or_create_section(name: str) -> Section:
    section = find_section(name)
    if section is None:
        section = Section(slug=unique_slug(Section, name, max_length=100))
        section.name = section.name_en = name
        # The default section reads right in every edition from the first import on.
        for field, translated in DEFAULT_SECTION_NAMES.get(name, {}).items():
            setattr(section, field, translated)
        section.save()
    return section


class ArticleImporter:
    """Imports files one by one with shared state for a run: the section, the tag cache, the gazetteer."""

    def __init__(self, *, section: Section | None, status: str = Status.PUBLISHED, force: bool = False,
                 dry_run: bool = False):
        self.section = section
        self.status = status
        self.force = force
        self.dry_run = dry_run
        self.gazetteer = Gazetteer(Tag.objects.values_list("name", flat=True))
        self._tags: dict[str, Tag] = {}
        self._donation_details_seen: set[tuple] = set()

    # -- one file --------------------------------------------------------------------

    def import_file(self, path: Path, *, source_name: str | None = None) -> Outcome:
        source_name = source_name or path.name
        parsed = self._read_and_parse(path)
        if isinstance(parsed, Rejection):
            return Outcome(Result.REJECTED, source_name, str(parsed))
        try:
            outcome = self._store_in_transaction(parsed, source_name)
        except IntegrityError:
            # Another import stored the same text between our look-up and our insert;
            # the database refused the duplicate. Look again: now we find theirs.
            self._tags.clear()
            outcome = self._store_in_transaction(parsed, source_name)
        warnings = self._adopt_donation_details(parsed, source_name)
        return Outcome(outcome.result, outcome.source_name, outcome.detail, warnings) if warnings else outcome

    def _read_and_parse(self, path: Path) -> ParsedDocument | Rejection:
        try:
            # Refuse a huge file before reading it: memory stays flat whatever lands in the folder.
            size = os.stat(path).st_size
            if size > decoding.MAX_BYTES:
                return Rejection(Reason.TOO_LARGE, f"{size / 1024 / 1024:.1f} MB")
            data = path.read_bytes()
        except OSError as error:
            return Rejection(Reason.UNREADABLE, error.strerror or str(error))
        return parse(data)

    def _store_in_transaction(self, parsed: ParsedDocument, source_name: str) -> Outcome:
        try:
            # One batch: the new article is indexed for search once, after its tags.
            with transaction.atomic(), batch():
                return self._store(parsed, source_name)
        except Exception:
            # Tags created in the rolled-back transaction are gone from the database.
            self._tags.clear()
            raise

    def _store(self, parsed: ParsedDocument, source_name: str) -> Outcome:
        same_text = self._article_with_text(parsed.content_hash)
        if same_text is not None:
            pk, other_name = same_text
            if other_name == source_name:
                return Outcome(Result.UNCHANGED, source_name)
            return Outcome(Result.SKIPPED, source_name, f"duplicate of {other_name or f'article {pk}'}")

        article_pk = self._article_from_file(source_name)
        if article_pk is None:
            if not self.dry_run:
                self._create(parsed, source_name)
            return Outcome(Result.CREATED, source_name)

        existing = Article.objects.select_for_update().get(pk=article_pk)
        if existing.source_hash == parsed.content_hash:
            # Another run stored this very text between our two look-ups.
            return Outcome(Result.UNCHANGED, source_name)
        edited = existing.imported_at is None or existing.updated_at > existing.imported_at
        if edited and not self.force:
            return Outcome(Result.SKIPPED, source_name, "edited in the admin since the import (--force overwrites it)")
        if not self.dry_run:
            self._update(existing, parsed, source_name, overwrites_edit=edited)
        return Outcome(Result.UPDATED, source_name, "overwrote an editor's changes, kept as a revision" if edited else "")

    # Tests replace these two look-ups to stage races with another run.

    def _article_with_text(self, content_hash: str) -> tuple[int, str] | None:
        """(pk, source name) of the article imported from this very text, if any."""
        # The exclude repeats the unique index's condition, so SQLite uses that index.
        return (
            Article.objects.filter(source_hash=content_hash).exclude(source_hash="")
            .values_list("pk", "source_name").order_by("pk").first()
        )

    def _article_from_file(self, source_name: str) -> int | None:
        """The article imported from the file of this name, if any (an imported article has a hash)."""
        return (
            Article.objects.filter(source_name=source_name).exclude(source_hash="")
            .values_list("pk", flat=True).order_by("pk").first()
        )

    # -- writing ---------------------------------------------------------------------

    def _create(self, parsed: ParsedDocument, source_name: str) -> Article:
        article = Article(section=self.section, status=self.status, source_name=source_name)
        self._fill(article, parsed)
        if article.published_at is None and self.status == Status.PUBLISHED:
            article.published_at = timezone.now()
        article.save()
        self._mark_imported(article)
        _link_new_article_to_tags(article, self._tag_objects(parsed))
        return article

    def _update(self, article: Article, parsed: ParsedDocument, source_name: str, *, overwrites_edit: bool):
        if not Version.objects.get_for_object(article).exists():
            # Keep what is there now (an editor's work, or the previous import) restorable.
            with reversion.create_revision():
                reversion.add_to_revision(article)
                reversion.set_comment("Before re-import")
        with reversion.create_revision():
            self._fill(article, parsed)
            article.save()
            article.tags.set(self._tag_objects(parsed))
            reversion.set_comment(
                f"Re-imported from {source_name}" + (", overwriting editors' changes (--force)" if overwrites_edit else "")
            )
        self._mark_imported(article)

    def _fill(self, article: Article, parsed: ParsedDocument) -> None:
        article.title = parsed.title
        article.standfirst = parsed.standfirst
        article.body = render_body_html(parsed.blocks)
        article.language = parsed.language
        article.view_count = parsed.view_count
        article.source_hash = parsed.content_hash
        if parsed.published_on:
            article.published_at = _midday(parsed.published_on)

    @staticmethod
    def _mark_imported(article: Article) -> None:
        # Saved by the import now; a later admin save moves updated_at past this mark.
        Article.objects.filter(pk=article.pk).update(imported_at=F("updated_at"))
        article.imported_at = article.updated_at

    def _tag_objects(self, parsed: ParsedDocument) -> list[Tag]:
        return [self._tag(name) for name in self.gazetteer.find(parsed.plain_text)]

    def _tag(self, name: str) -> Tag:
        key = name.casefold()
        if key not in self._tags:
            tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
            self._tags[key] = tag or Tag.objects.create(name=name)
        return self._tags[key]

    # -- donation details in the footer ----------------------------------------------------

    def _adopt_donation_details(self, parsed: ParsedDocument, source_name: str) -> tuple[str, ...]:
        footer = parsed.footer
        if self.dry_run or footer is None or not footer.has_payment_details:
            return ()
        key = (footer.organisation, footer.account_number, footer.iban, footer.vipps)
        if key in self._donation_details_seen:
            return ()  # compared already in this run; say a difference once, not once per file
        self._donation_details_seen.add(key)
        from donations.services import adopt_imported_details

        try:
            warnings = adopt_imported_details(
                organisation=footer.organisation, account_number=footer.account_number, iban=footer.iban,
                vipps=footer.vipps, source_name=source_name,
            )
        except ValidationError as error:
            warnings = [f"donation details not taken: {message}" for message in error.messages]
        return tuple(warnings)


def _link_new_article_to_tags(article: Article, tags: list[Tag]) -> None:
    """Link a new article to its tags in one INSERT, then say so as a many-to-many ``add()`` does.

    taggit's ``article.tags.add`` runs a get_or_create per tag, each a SELECT and an INSERT in
    a savepoint, and took most of an import's time. A new article has no links to race with,
    so one bulk insert does, followed by the m2m_changed signals Django's own ``add()`` sends
    after its bulk insert; the search index and the page cache listen to those.
    """
    if not tags:
        return
    through = Article.tags.through
    signal = {"sender": through, "instance": article, "reverse": False, "model": Tag,
              "pk_set": {tag.pk for tag in tags}, "using": router.db_for_write(through, instance=article)}
    m2m_changed.send(action="pre_add", **signal)
    through.objects.bulk_create([through(content_object=article, tag=tag, published_at=article.published_at) for tag in tags])
    m2m_changed.send(action="post_add", **signal)


@contextmanager
def fast_commits():
    """Commit each file without waiting for the disk, for the length of an import.

    Every file is its own transaction, and by default both databases wait for
    the disk at each commit, longer than the rest of a file's import. SQLite's WAL
    mode with synchronous=NORMAL and PostgreSQL's asynchronous commit keep the
    database consistent through a crash or power cut and can only lose the
    last moment's commits; the import is idempotent, so running it again brings
    them back. (On SQLite, WAL stays on: it belongs to the database file, and
    lets the dev server read while an import writes.) Connection settings have
    no ORM form, hence the statements.
    """
    if not transaction.get_autocommit():
        yield  # inside the caller's transaction (tests): nothing commits per file
        return
    if connection.vendor == "postgresql":
        set_asynchronous_commit()
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        return
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (synchronous,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(synchronous)}")


def set_asynchronous_commit() -> None:
    """PostgreSQL: this connection's commits return before the disk confirms them."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


def _midday(day: datetime.date) -> datetime.datetime:
    # Noon in the newsroom's time zone: the day reads the same in Oslo, UTC and Kabul.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

"""Store parsed documents as articles: one file, one transaction, one outcome.

``ArticleImporter.import_file`` is what ``import_seeds`` (and the benchmark)
call for each file. Idempotency lives here:

- the same text (by content hash) under the same name is "unchanged", under
  another name a duplicate, skipped; the unique constraints on
  ``Article.source_hash`` and ``ImportedFile.source_name`` stop two concurrent
  runs creating one article twice;
- changed text for a known file updates the article, unless an editor saved it
  since the import (``updated_at > imported_at``): then it is skipped, and
  ``force`` overwrites it, keeping the editor's version as a revision.
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
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version
from taggit.models import Tag

from articles import tag_listing
from articles.models import Article, Section, Status, unique_slug
from importer import decoding, statements
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
            with transaction.atomic():
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

    # Plain SQL for what runs once per file (see importer.statements); tests replace these to stage races.

    def _article_with_text(self, content_hash: str) -> tuple[int, str] | None:
        """(pk, source name) of the article imported from this very text, if any."""
        return statements.article_with_text(content_hash)

    def _article_from_file(self, source_name: str) -> int | None:
        return statements.article_from_file(source_name)

    # -- writing ---------------------------------------------------------------------

    def _create(self, parsed: ParsedDocument, source_name: str) -> Article:
        article = Article(section=self.section, status=self.status, source_name=source_name)
        self._fill(article, parsed)
        if article.published_at is None and self.status == Status.PUBLISHED:
            article.published_at = timezone.now()
        tags = self._tag_objects(parsed)
        _announce_tags(article, tags)
        article.save()
        self._mark_imported(article)
        statements.record_file(source_name, article.pk)
        _insert_tag_rows(article, tags)
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
        statements.mark_imported(article.pk, article.updated_at)
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


def _announce_tags(article: Article, tags: list[Tag]) -> None:
    """Let ``article.tags.all()`` answer with ``tags`` before the rows exist.

    The article's post_save receivers (the search index) read its tags; with
    this they index the article once, complete, instead of once without tags at
    save and again when the tags are added. It is how prefetch_related caches a
    relation, and taggit's manager reads that cache first.
    """
    cached = Tag.objects.filter(pk__in=[tag.pk for tag in tags])
    cached._result_cache = list(tags)
    cached._prefetch_done = True
    article._prefetched_objects_cache = {"tags": cached}


def _insert_tag_rows(article: Article, tags: list[Tag]) -> None:
    """Store a new article's tags in one INSERT (taggit's add runs a get_or_create per tag).

    No m2m_changed or post_save is sent for the rows: the article's post_save already reached every
    receiver with these tags (see _announce_tags), and sending it would make the
    search index do the same work twice.
    """
    content_type = ContentType.objects.get_for_model(Article)
    statements.insert_tag_rows(article.pk, content_type.pk, [tag.pk for tag in tags])
    tag_listing.refresh([article.pk])  # the rows' signals did not run either


@contextmanager
def fast_commits():
    """Commit each file without waiting for the disk, for the length of an import.

    Every file is its own transaction, and by default both databases wait for
    an fsync at each commit (30 ms on this machine's disk: 5 minutes for 10,000
    files). PostgreSQL's asynchronous commit and SQLite's WAL mode with
    synchronous=NORMAL keep the database consistent through a crash or power
    cut and can only lose the last moment's commits; the import is idempotent,
    so running it again brings them back. (On SQLite, WAL stays on: it belongs
    to the database file, and lets the dev server read while an import writes.)
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        return
    if connection.vendor != "sqlite" or _in_memory_sqlite():
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


def _in_memory_sqlite() -> bool:
    name = str(connection.settings_dict["NAME"])
    return name in {"", ":memory:"} or "mode=memory" in name


def _midday(day: datetime.date) -> datetime.datetime:
    # Noon in the newsroom's time zone: the day reads the same in Oslo, UTC and Kabul.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

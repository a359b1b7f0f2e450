"""Fill the database with realistic demo content, fast and reproducibly.

Why: the performance work (query counts, indexes, the page cache, ``make bench``)
and the search benchmark need a newsroom-sized archive, and the same seed must
give the same archive on every machine. Rows go in by batches, never one ``save()``
per article: with COPY on PostgreSQL (``_insert``), with ``bulk_create`` elsewhere.

Batch inserts skip ``Article.save()`` and signals, so this command:
- builds bodies that are already what ``clean_body_html`` would store (a test
  holds it to that) and gives every article a unique slug itself;
- dates created/updated times like the story (``auto_now`` would stamp every row
  with "now" and mark each old story as "updated"; with ``bulk_create`` one UPDATE
  afterwards puts that right);
- rebuilds the tag pages' listing in one statement;
- calls the side-table rebuild hooks other apps document (the search index) at
  the end, and clears the page cache.

Demo articles are marked with ``source_name = "generate_demo_content"`` so
``--replace`` can remove them (and only them) before generating again.
"""

import queue
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.db.models.functions import Coalesce, Least, Now
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles import tag_listing
from articles.models import Article, ArticleAuthor, Author, Correction, Language, Section, Status, TagListing

DEMO_SOURCE = "generate_demo_content"
BATCH = 2000
TAG_COUNT = 400
AUTHOR_COUNT = 120
ARCHIVE_DAYS = 3 * 365
# A story's record is created this long before it goes live.
RECORD_LEAD_TIME = timedelta(hours=2)

# Management commands other apps provide to rebuild tables kept beside Article
# by signals (which bulk_create does not send). Called when installed.
SIDE_TABLE_REBUILD_COMMANDS = ["rebuild_search_index"]

SECTIONS = [
    # slug, English, Pashto, Dari
    ("news", "News", "خبرونه", "اخبار"),
    ("politics", "Politics", "سیاست", "سیاست"),
    ("economy", "Economy", "اقتصاد", "اقتصاد"),
    ("society", "Society", "ټولنه", "جامعه"),
    ("women", "Women", "ښځې", "زنان"),
    ("health", "Health", "روغتیا", "صحت"),
    ("education", "Education", "زده کړه", "آموزش"),
    ("culture", "Culture", "کلتور", "فرهنگ"),
    ("sport", "Sport", "لوبې", "ورزش"),
    ("opinion", "Opinion", "نظر", "دیدگاه"),
]

PROVINCES = [
    "Kabul", "Herat", "Kandahar", "Balkh", "Nangarhar", "Kunduz", "Helmand", "Ghazni", "Bamyan", "Badakhshan",
    "Paktia", "Khost", "Laghman", "Logar", "Parwan", "Kapisa", "Panjshir", "Baghlan", "Takhar", "Samangan",
    "Jowzjan", "Sar-e Pol", "Faryab", "Badghis", "Ghor", "Daykundi", "Uruzgan", "Zabul", "Farah", "Nimruz",
    "Paktika", "Wardak", "Kunar", "Nuristan",
]
TOPICS = [
    "drought", "wheat prices", "girls' education", "universities", "hospitals", "maternal health", "polio",
    "refugees", "returnees", "border crossings", "trade", "exports", "banking", "the afghani", "electricity",
    "roads", "water", "earthquakes", "floods", "winter", "aid", "NGOs", "women's work", "press freedom",
    "journalists", "courts", "land disputes", "mining", "opium", "farming", "saffron", "carpets", "cricket",
    "football", "music", "poetry", "heritage", "mosques", "schools", "unemployment", "migration", "climate",
    "public health", "prices", "housing", "transport", "telecoms", "internet", "elections", "diplomacy",
]
FIRST_NAMES = [
    "Ahmad", "Farid", "Mariam", "Zahra", "Hamid", "Nasrin", "Wahid", "Laila", "Karim", "Shabnam", "Rahim",
    "Fatima", "Omid", "Sima", "Jawad", "Parwana", "Bilal", "Hasina", "Yusuf", "Nargis", "Sohail", "Freshta",
]
LAST_NAMES = [
    "Ahmadi", "Karimi", "Rahimi", "Hakimi", "Safi", "Noori", "Popal", "Stanikzai", "Wardak", "Hashimi",
    "Sultani", "Amiri", "Rasuli", "Mohammadi", "Nazari", "Azizi", "Haidari", "Yousufzai",
]

WORDS = {
    Language.ENGLISH: (
        "the a of in on for with and to from by as at residents officials families farmers teachers students "
        "doctors traders drivers women girls children market prices wheat flour water river road bridge school "
        "clinic hospital village district province city border winter summer harvest rain drought snow power "
        "electricity fuel money bank salary work jobs aid report survey data month week year season said says "
        "told reported expected rose fell doubled closed opened reopened waited returned moved left arrived "
        "struggle hope concern plan budget project contract local national regional new old many few several "
        "most some every second third last first morning evening night quietly sharply slowly again still "
        "already because although while after before since until however meanwhile according spokesman "
        "ministry council committee elders community people government authorities organisation agency"
    ).split(),
    Language.PASHTO: (
        "په له ته سره چې دا هغه لپاره او یو کابل هرات کندهار ننګرهار حکومت خلک ښځې ښوونځی پوهنتون اقتصاد "
        "بازار بیه غنم اوبه باران وچکالي کډوال پوله وزارت روغتیا روغتون ډاکټر ماشومان کار کارګر سوداګري "
        "امنیت ولایت ولسوالۍ کلی ښار خبریال رسنۍ ازادي حقونه سازمان مرسته ژمی اوړی برېښنا سړک پروژه بانک "
        "پیسې افغانۍ ډالر راپور سرچینې وویل دی وو شو وایي نن پرون اونۍ میاشت کال تېر راتلونکی زره کورنۍ "
        "زلزله سېلاب جومات بیارغونه کلتور لوبې کرکټ فوټبال ټیم ملي ځوانان فرصت ستونزې اندېښنه پرېکړه قانون"
    ).split(),
    Language.DARI: (
        "در از به با که این آن برای و را یک کابل هرات بلخ قندهار حکومت مردم زنان مکتب دانشگاه اقتصاد بازار "
        "قیمت گندم آب باران خشکسالی مهاجران مرز وزارت صحت شفاخانه داکتر کودکان آموزش کار کارگران تجارت "
        "صادرات امنیت ولایت ولسوالی روستا شهر خبرنگار رسانه آزادی حقوق سازمان کمک زمستان تابستان برق سرک "
        "پروژه بانک پول افغانی دالر نرخ گزارش منابع گفت است بود شد می‌گوید امروز دیروز هفته ماه سال گذشته "
        "آینده هزار خانواده زلزله سیلاب مسجد بازسازی فرهنگ ورزش کرکت فوتبال تیم ملی جوانان فرصت مشکلات نگرانی"
    ).split(),
}
HEADLINE_VERBS = [
    "rise", "fall", "return", "stall", "worry residents", "divide elders", "reach record", "ease",
    "hit families", "test officials", "change lives", "draw crowds",
]
LANGUAGE_WEIGHTS = [(Language.ENGLISH, 60), (Language.PASHTO, 20), (Language.DARI, 20)]
STATUS_WEIGHTS = [
    ("live", 90.5), ("scheduled", 2), (Status.DRAFT, 4), (Status.REVIEW, 2), (Status.ARCHIVED, 1.5),
]


@dataclass
class Totals:
    articles: int = 0
    bylines: int = 0
    tagged: int = 0
    corrections: int = 0
    seconds: dict = field(default_factory=dict)


class TextBank:
    """Pre-built sentences, paragraphs and headings per language, picked from
    the seeded generator: composing bodies from them is fast and reproducible."""

    def __init__(self, rng: random.Random, paragraphs_per_language: int = 600):
        self.rng = rng
        self.paragraphs = {}
        self.headings = {}
        for language, words in WORDS.items():
            self.paragraphs[language] = [self._paragraph(words, language) for _ in range(paragraphs_per_language)]
            self.headings[language] = [self._sentence(words, 2, 5, end="") for _ in range(200)]

    def _sentence(self, words, low, high, end):
        text = " ".join(self.rng.choices(words, k=self.rng.randint(low, high)))
        return text[:1].upper() + text[1:] + end

    def _paragraph(self, words, language):
        sentences = [self._sentence(words, 8, 18, ".") for _ in range(self.rng.randint(5, 7))]
        return "<p>" + " ".join(sentences) + "</p>"

    def body(self, language) -> str:
        """About 600 words: eight paragraphs under three subheadings, sometimes a quote or a list."""
        rng = self.rng
        paragraphs = rng.sample(self.paragraphs[language], 8)
        headings = rng.sample(self.headings[language], 3)
        parts = paragraphs[:2]
        for index, heading in enumerate(headings):
            parts.append(f"<h2>{heading}</h2>")
            parts.extend(paragraphs[2 + index * 2 : 4 + index * 2])
        if rng.random() < 0.3:
            parts.insert(3, f"<blockquote>{paragraphs[0]}</blockquote>")
        if rng.random() < 0.2:
            items = "".join(f"<li>{h}</li>" for h in rng.sample(self.headings[language], 3))
            parts.insert(5, f"<ul>{items}</ul>")
        return "".join(parts)

    def standfirst(self, language) -> str:
        return self._sentence(WORDS[language], 14, 26, ".")

    def headline(self, language) -> str:
        rng = self.rng
        if language == Language.ENGLISH:
            topic = rng.choice(TOPICS)
            return f"{topic[:1].upper()}{topic[1:]} {rng.choice(HEADLINE_VERBS)} in {rng.choice(PROVINCES)}"
        return self._sentence(WORDS[language], 5, 9, end="")


class Command(BaseCommand):
    help = "Create N realistic demo articles (seeded, bulk inserts) with sections, authors and 400 tags."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to create.")
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same content (default 2026).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier demo articles first (only those this command made)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be created; write nothing.")

    def handle(self, *args, articles, seed, replace, dry_run, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        existing = Article.objects.filter(source_name=DEMO_SOURCE).count()
        if existing and not replace:
            raise CommandError(
                f"{existing} demo articles exist already; pass --replace to delete them and generate again."
            )
        if dry_run:
            self.stdout.write(
                f"Would {'delete ' + str(existing) + ' demo articles and ' if existing else ''}create {articles} "
                f"articles, {len(SECTIONS)} sections, {AUTHOR_COUNT} authors and {TAG_COUNT} tags (seed {seed})."
            )
            return

        totals = Totals()
        started = time.monotonic()
        with transaction.atomic():
            if existing:
                self._delete_demo_articles()
                totals.seconds["delete"] = time.monotonic() - started
            generator = DemoContent(random.Random(seed), now=timezone.now())
            generator.create(articles, totals, progress=self._progress if verbosity >= 2 else None)
        totals.seconds["insert"] = time.monotonic() - started
        self._refresh_planner_statistics()
        self._rebuild_side_tables(verbosity)
        totals.seconds["total"] = time.monotonic() - started

        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Created {totals.articles} articles, {totals.bylines} bylines, {totals.tagged} tag links and "
                f"{totals.corrections} corrections in {totals.seconds['total']:.1f} s "
                f"(inserts {totals.seconds['insert']:.1f} s)."
            ))

    def _progress(self, done, total):
        self.stdout.write(f"  {done}/{total} articles")

    def _delete_demo_articles(self):
        demo = Article.objects.filter(source_name=DEMO_SOURCE)
        # Tag links are generic (no database cascade), so remove them first; the tag listing's
        # rows go with their articles (one DELETE, not a receiver per link).
        with tag_listing.paused():
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article), object_id__in=demo.values("pk")
            ).delete()
            demo.delete()

    @staticmethod
    def _refresh_planner_statistics():
        """Right after a bulk load PostgreSQL has no statistics for the new rows and plans
        joins as if tables were empty (a tag page took 150 ms on 1,000 articles). Autovacuum
        would catch up in a while; do it now, and set the visibility map for index-only scans."""
        if connection.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in (Article, ArticleAuthor, Correction, Author, Section, Tag, TaggedItem,
                                                     TagListing)]
        # VACUUM cannot run inside a transaction (a test's, or a caller's atomic block); ANALYZE can.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {', '.join(tables)}")

    def _rebuild_side_tables(self, verbosity):
        available = get_commands()
        for name in SIDE_TABLE_REBUILD_COMMANDS:
            if name in available:
                started = time.monotonic()
                call_command(name, verbosity=max(0, verbosity - 1))
                if verbosity:
                    self.stdout.write(f"Ran {name} in {time.monotonic() - started:.1f} s.")
        try:
            from pagecache.invalidation import bump_content_version
        except ImportError:  # the page cache is optional
            return
        bump_content_version()


def _ahead(make, items, depth: int = 2):
    """Yield ``make(item)`` for each item, computed in a thread up to ``depth`` items ahead.

    Only Python work goes in ``make`` (no database: connections belong to a thread).
    An exception in the thread is raised here; stopping early stops the thread."""
    results = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def offer(value):
        while not stop.is_set():
            try:
                results.put(value, timeout=0.1)
                return
            except queue.Full:
                continue

    def run():
        try:
            for item in items:
                if stop.is_set():
                    return
                offer((make(item), None))
        except BaseException as error:  # handed to the consumer
            offer((None, error))
        offer((done, None))

    thread = threading.Thread(target=run, name="demo-content-ahead", daemon=True)
    thread.start()
    try:
        while True:
            value, error = results.get()
            if error is not None:
                raise error
            if value is done:
                return
            yield value
    finally:
        stop.set()
        thread.join()


def _insert(model, rows, *, assign_ids=False):
    """Store ``rows`` (model instances, or dicts of field values): on PostgreSQL with one COPY
    (no SQL statement or parameter per value, most of the insert time with ``bulk_create``),
    their ids first taken from the table's sequence when ``assign_ids``; elsewhere with
    ``bulk_create``, which sets the ids."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objs = [model(**row) if isinstance(row, dict) else row for row in rows]
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: each access through the proxy costs a lookup
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key or assign_ids]
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        if assign_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            for obj, (pk,) in zip(rows, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(quote(f.column) for f in fields)
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = [row.get(f.attname, f.get_default()) for f in fields] if isinstance(row, dict) else [
                    getattr(row, f.attname) for f in fields]
                # psycopg takes plain values as they are; the rest (a photo's FieldFile) as Django stores it.
                copy.write_row([v if isinstance(v, _PLAIN) else f.get_db_prep_save(v, db)
                                for f, v in zip(fields, values, strict=True)])


_PLAIN = (str, int, float, datetime, type(None))


class DemoContent:
    """Builds and inserts the rows; separate from the command so tests can drive it."""

    def __init__(self, rng: random.Random, *, now):
        self.rng = rng
        self.now = now
        self.text = TextBank(rng)

    def create(self, count: int, totals: Totals, progress=None):
        sections = self.sections()
        authors = self.authors()
        tags = self.tags()
        content_type = ContentType.objects.get_for_model(Article)
        slug_prefix = self._next_slug_number()
        starts = range(0, count, BATCH)
        # A thread composes the next batch (pure Python, the seeded generator) while this
        # one waits for PostgreSQL to store the last: the database's time overlaps ours.
        for batch, picks in _ahead(
            lambda start: self._batch(sections, authors, tags, slug_prefix + start, min(BATCH, count - start)), starts
        ):
            _insert(Article, batch, assign_ids=True)
            bylines, tag_links, corrections = [], [], []
            for article, (author_ids, tag_ids, corrected_at) in zip(batch, picks, strict=True):
                for position, author in enumerate(author_ids):
                    bylines.append({"article_id": article.pk, "author_id": author, "position": position})
                for tag in tag_ids:
                    tag_links.append({"tag_id": tag, "content_type_id": content_type.pk, "object_id": article.pk})
                if corrected_at is not None:
                    corrections.append({
                        "article_id": article.pk,
                        "text": "An earlier version of this article gave the wrong date for the meeting.",
                        "corrected_at": corrected_at,
                    })
            _insert(ArticleAuthor, bylines)
            _insert(TaggedItem, tag_links)
            _insert(Correction, corrections)
            totals.articles += len(batch)
            totals.bylines += len(bylines)
            totals.tagged += len(tag_links)
            totals.corrections += len(corrections)
            if progress and (totals.articles % 20000 < BATCH or totals.articles == count):
                progress(totals.articles, count)
        if connection.vendor != "postgresql":
            self._fix_record_times()  # COPY wrote them as they are; bulk_create stamped "now"
        # bulk_create sends no signals: the tag pages' listing is rebuilt in one statement.
        tag_listing.refresh()

    def _batch(self, sections, authors, tags, first_number, size):
        """``size`` unsaved articles and, for each, its authors, tags and correction time
        (or None); the generator is drawn in the same order as ever, so a seed's content stays."""
        articles = [self._article(sections, first_number + i) for i in range(size)]
        picks = []
        for article in articles:
            author_ids = self._pick_authors(authors)
            tag_ids = self.rng.sample(tags, self._tag_count())
            corrected_at = None
            if article.status == Status.PUBLISHED and self.rng.random() < 0.01:
                corrected_at = article.published_at + timedelta(hours=self.rng.randint(2, 72))
            picks.append((author_ids, tag_ids, corrected_at))
        return articles, picks

    # -- the things articles point to ----------------------------------------------------

    def sections(self) -> list[int]:
        ids = []
        for position, (slug, english, pashto, dari) in enumerate(SECTIONS):
            section, _ = Section.objects.get_or_create(
                slug=slug,
                defaults={"name_en": english, "name_ps": pashto, "name_fa_af": dari, "position": position},
            )
            ids.append(section.pk)
        return ids

    def authors(self) -> list[int]:
        names = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES})
        chosen = self.rng.sample(names, AUTHOR_COUNT)
        Author.objects.bulk_create(
            [
                Author(name=name, slug=slugify(name), bio=f"Reports on {self.rng.choice(TOPICS)} from "
                                                              f"{self.rng.choice(PROVINCES)}.")
                for name in chosen
            ],
            ignore_conflicts=True,
        )
        return list(Author.objects.filter(slug__in=[slugify(n) for n in chosen]).order_by("slug").values_list("pk", flat=True))

    def tags(self) -> list[int]:
        # Every topic and province, then "topic in province" pairs up to 400.
        names = TOPICS + PROVINCES
        pairs = [f"{topic} in {province}" for province in PROVINCES for topic in TOPICS]
        names += self.rng.sample(pairs, TAG_COUNT - len(names))
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name, allow_unicode=True)) for name in names], ignore_conflicts=True
        )
        return list(Tag.objects.filter(name__in=names).order_by("slug").values_list("pk", flat=True))

    # -- articles ----------------------------------------------------------------------

    def _article(self, sections, number) -> Article:
        rng = self.rng
        language = rng.choices([lang for lang, _ in LANGUAGE_WEIGHTS], [w for _, w in LANGUAGE_WEIGHTS])[0]
        state = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        title = self.text.headline(language)
        published_at = None
        if state == "live" or state == Status.ARCHIVED:
            # Newer stories are denser, like a real archive that grows.
            age = ARCHIVE_DAYS * (rng.random() ** 1.5)
            published_at = self.now - timedelta(days=age, seconds=rng.randint(60, 3600))
        elif state == "scheduled":
            published_at = self.now + timedelta(hours=rng.randint(1, 24 * 14), minutes=rng.randint(0, 59))
        status = Status.PUBLISHED if state in ("live", "scheduled") else state
        story_time = min(published_at or self.now, self.now)
        return Article(
            title=title,
            slug=f"{slugify(title, allow_unicode=True)[:180].strip('-')}-{number}",
            standfirst=self.text.standfirst(language),
            body=self.text.body(language),
            section_id=rng.choice(sections),
            language=language,
            status=status,
            published_at=published_at,
            first_published_at=published_at,
            view_count=int(rng.paretovariate(1.2) * 40),
            source_name=DEMO_SOURCE,
            # Dated like the story (as _fix_record_times does where bulk_create stamps "now").
            created_at=story_time - RECORD_LEAD_TIME,
            updated_at=story_time,
        )

    def _pick_authors(self, authors) -> list[int]:
        count = self.rng.choices([1, 2, 3, 4], [65, 25, 7, 3])[0]
        return self.rng.sample(authors, count)

    def _tag_count(self) -> int:
        return self.rng.randint(2, 8)

    @staticmethod
    def _next_slug_number() -> int:
        """Slugs end with a running number; start above any earlier article's id."""
        last = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def _fix_record_times(self):
        """bulk_create stamps created/updated with now; date them like the story instead."""
        demo = Article.objects.filter(source_name=DEMO_SOURCE)
        two_hours = ExpressionWrapper(Value(RECORD_LEAD_TIME), output_field=DurationField())
        story_time = Least(Coalesce(F("published_at"), Now()), Now())
        demo.update(created_at=story_time - two_hours, updated_at=story_time)

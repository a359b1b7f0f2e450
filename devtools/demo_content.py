"""A newsroom-sized demo archive, reproducibly, through the ORM.

The benchmark and search need realistic volume: sections, authors, 400 tags and N articles
in English, Pashto and Dari, live, scheduled, draft, in review and archived, with bylines,
tags and a few corrections. Same seed, same archive. Rows go in with ``bulk_create``, which
skips ``save()`` and signals, so the rows are built as ``save()`` would leave them (bodies
already clean, unique slugs) and the side tables kept by signals are rebuilt afterwards by
their own commands (``rebuild_search_index``).

Demo articles carry ``source_name = DEMO_SOURCE`` so they, and only they, can be replaced.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.db.models.functions import Coalesce, Least
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleTag, Author, Correction, Language, Section, Status

DEMO_SOURCE = "generate_demo_content"
BATCH = 2000
TAG_COUNT = 400
AUTHOR_COUNT = 120
ARCHIVE_DAYS = 3 * 365
# A story's record is created this long before it goes live.
RECORD_LEAD_TIME = timedelta(hours=2)

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


class DemoArchive:
    """Builds and inserts the rows; the command is a thin layer over it."""

    def __init__(self, rng: random.Random, *, now):
        self.rng = rng
        self.now = now
        self.text = TextBank(rng)

    @staticmethod
    def existing():
        return Article.objects.filter(source_name=DEMO_SOURCE)

    @classmethod
    def delete_existing(cls) -> None:
        cls.existing().delete()

    def create(self, count: int, progress=None) -> Totals:
        totals = Totals()
        sections, authors, tags = self.sections(), self.authors(), self.tags()
        first_number = self._next_slug_number()
        for start in range(0, count, BATCH):
            articles = [self._article(sections, first_number + start + i) for i in range(min(BATCH, count - start))]
            Article.objects.bulk_create(articles)
            bylines, tag_links, corrections = [], [], []
            for article in articles:
                for position, author in enumerate(self._pick_authors(authors)):
                    bylines.append(ArticleAuthor(article_id=article.pk, author_id=author, position=position,
                                                 published_at=article.published_at))
                for tag in self.rng.sample(tags, self.rng.randint(2, 8)):
                    tag_links.append(ArticleTag(tag_id=tag, content_object_id=article.pk, published_at=article.published_at))
                if article.status == Status.PUBLISHED and self.rng.random() < 0.01:
                    corrections.append(Correction(
                        article_id=article.pk,
                        text="An earlier version of this article gave the wrong date for the meeting.",
                        corrected_at=article.published_at + timedelta(hours=self.rng.randint(2, 72)),
                    ))
            ArticleAuthor.objects.bulk_create(bylines)
            ArticleTag.objects.bulk_create(tag_links)
            Correction.objects.bulk_create(corrections)
            totals.articles += len(articles)
            totals.bylines += len(bylines)
            totals.tagged += len(tag_links)
            totals.corrections += len(corrections)
            if progress:
                progress(totals.articles, count)
        self._date_records_like_their_stories()
        return totals

    # -- what articles point to ----------------------------------------------------------

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
                Author(name=name, slug=slugify(name),
                       bio=f"Reports on {self.rng.choice(TOPICS)} from {self.rng.choice(PROVINCES)}.")
                for name in chosen
            ],
            ignore_conflicts=True,
        )
        return list(Author.objects.filter(slug__in=[slugify(n) for n in chosen]).order_by("slug").values_list("pk", flat=True))

    def tags(self) -> list[int]:
        # Every topic and province, then "topic in province" pairs up to TAG_COUNT.
        names = TOPICS + PROVINCES
        pairs = [f"{topic} in {province}" for province in PROVINCES for topic in TOPICS]
        names += self.rng.sample(pairs, TAG_COUNT - len(names))
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name, allow_unicode=True)) for name in names], ignore_conflicts=True
        )
        return list(Tag.objects.filter(name__in=names).order_by("slug").values_list("pk", flat=True))

    # -- articles ------------------------------------------------------------------------

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
        return Article(
            title=title,
            slug=f"{slugify(title, allow_unicode=True)[:180].strip('-')}-{number}",
            standfirst=self.text.standfirst(language),
            body=self.text.body(language),
            section_id=rng.choice(sections),
            language=language,
            status=Status.PUBLISHED if state in ("live", "scheduled") else state,
            published_at=published_at,
            first_published_at=published_at,
            view_count=int(rng.paretovariate(1.2) * 40),
            source_name=DEMO_SOURCE,
        )

    def _pick_authors(self, authors) -> list[int]:
        count = self.rng.choices([1, 2, 3, 4], [65, 25, 7, 3])[0]
        return self.rng.sample(authors, count)

    @staticmethod
    def _next_slug_number() -> int:
        """Slugs end with a running number; start above any earlier article's id."""
        last = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def _date_records_like_their_stories(self):
        """bulk_create stamps created/updated with now (auto_now): date them like the story,
        or every old story would read as "updated" today."""
        lead_time = ExpressionWrapper(Value(RECORD_LEAD_TIME), output_field=DurationField())
        story_time = Least(Coalesce(F("published_at"), Value(self.now)), Value(self.now))
        self.existing().update(created_at=story_time - lead_time, updated_at=story_time)

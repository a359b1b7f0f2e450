"""Sample stories in Pashto and Dari, so a newcomer's `make run` shows all three editions.

The seed import fills the English edition only; without these, /ps/ and /fa-af/ are empty
and nobody sees the right-to-left site until they write a story. Each sample is live, marked
``is_sample``, and found again by its slug: loading twice creates nothing twice, and
``remove_sample_stories`` deletes exactly these.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Author, Language, Section, Status, TagName


@dataclass(frozen=True)
class SampleTag:
    english: str
    pashto: str
    dari: str


AFGHANISTAN = SampleTag("Afghanistan", "افغانستان", "افغانستان")
KABUL = SampleTag("Kabul", "کابل", "کابل")
NANGARHAR = SampleTag("Nangarhar", "ننګرهار", "ننگرهار")
KANDAHAR = SampleTag("Kandahar", "کندهار", "کندهار")
HERAT = SampleTag("Herat", "هرات", "هرات")
BAMYAN = SampleTag("Bamyan", "بامیان", "بامیان")
ECONOMY = SampleTag("Economy", "اقتصاد", "اقتصاد")
AGRICULTURE = SampleTag("Agriculture", "کرنه", "زراعت")
WEATHER = SampleTag("Weather", "هوا", "آب و هوا")
EDUCATION = SampleTag("Education", "ښوونه او روزنه", "معارف")


@dataclass(frozen=True)
class SampleAuthor:
    slug: str
    name: str
    bio: str


# Bylines, so the samples show author pages too; found again by slug, and removed with the stories.
PASHTO_REPORTER = SampleAuthor("sample-gul-ahmad", "ګل احمد", "ګل احمد د ختیځ او سویل ولایتونو د اقتصاد او کرنې په اړه راپورونه لیکي.")
DARI_REPORTER = SampleAuthor("sample-farida-rahimi", "فریده رحیمی", "فریده رحیمی از هرات و ولایت‌های مرکزی گزارش می‌دهد.")
SAMPLE_AUTHORS = (PASHTO_REPORTER, DARI_REPORTER)


@dataclass(frozen=True)
class SampleStory:
    slug: str
    language: str
    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    tags: tuple[SampleTag, ...]
    hours_ago: int
    author: SampleAuthor


STORIES = (
    SampleStory(
        slug="sample-ps-kabul-fuel-prices",
        language=Language.PASHTO,
        title="په کابل کې د ژمي له رارسېدو سره د لرګیو او ډبرو سکرو بیې لوړې شوې",
        standfirst="د کابل اوسېدونکي وايي چې د سون توکو بیې په تېرو دوو اونیو کې نږدې شل سلنه لوړې شوې دي.",
        paragraphs=(
            "د کابل ښار د سون توکو په بازارونو کې د یوه سېر لرګیو بیه په تېرو دوو اونیو کې زیاته شوې ده. پلورونکي وايي "
            "چې د ژمي په پیل کې غوښتنه ډېرېږي او له ولایتونو څخه د لرګیو راوړل ګران شوي دي.",
            "د خیرخانې سیمې یو اوسېدونکي، عبدالولي، وویل: «پرون مې د کور لپاره څلور سېره لرګي واخیستل. تېر کال همدا "
            "اندازه په ډېره کمه بیه وه.» هغه زیاته کړه چې ډېری کورنۍ اوس د ګاز او ډبرو سکرو ترمنځ انتخاب کوي.",
            "د کابل ښاروالۍ چارواکو ویلي چې د بیو د څارنې لپاره یې ټیمونه بازارونو ته استولي دي او له پلورونکو یې "
            "غوښتي چې بیې په ښکاره ځای کې ولیکي.",
        ),
        tags=(AFGHANISTAN, KABUL, ECONOMY),
        author=PASHTO_REPORTER,
        hours_ago=3,
    ),
    SampleStory(
        slug="sample-ps-nangarhar-orange-harvest",
        language=Language.PASHTO,
        title="د ننګرهار بزګران سږکال د نارنجو له ښه حاصل څخه خوشاله دي",
        standfirst="د ننګرهار په سرخرود او بهسودو ولسوالیو کې بزګران وايي چې د مناسبو اوبو له امله حاصل تر تېر کال ښه دی.",
        paragraphs=(
            "د ننګرهار د نارنجو باغونو د راټولولو موسم پیل شوی او بزګران وايي چې سږکال یې حاصل له تېر کال څخه ښه دی. "
            "دوی د دې لامل په پسرلي کې ښه بارانونه او د ناروغیو لږوالی بولي.",
            "د سرخرود ولسوالۍ یو باغوان، محمد ګل، وویل چې د هغه له باغه تر اوسه شاوخوا دوه سوه کریټه نارنج راټول شوي "
            "دي. «که بازار ښه وي، موږ کولای شو خپل پورونه ورکړو،» هغه وویل.",
            "خو ځینې سوداګر اندېښنه لري چې د پولې په لارو کې ځنډ ممکن د صادراتو لګښت لوړ کړي. د ننګرهار د کرنې ریاست "
            "وايي چې د سړو خونو د جوړولو لپاره هڅې روانې دي، ترڅو بزګران خپل حاصل ډېره موده وساتي.",
        ),
        tags=(AFGHANISTAN, NANGARHAR, AGRICULTURE),
        author=PASHTO_REPORTER,
        hours_ago=27,
    ),
    SampleStory(
        slug="sample-ps-kandahar-water-reservoir",
        language=Language.PASHTO,
        title="د کندهار په ارغنداب کې د اوبو د یوې نوې زېرمې کار پیل شو",
        standfirst="چارواکي وايي چې دا زېرمه به د زرګونو جریبو ځمکو د خړوبولو لپاره اوبه برابرې کړي.",
        paragraphs=(
            "د کندهار ولایت په ارغنداب ولسوالۍ کې د اوبو د یوې کوچنۍ زېرمې د جوړولو کار پیل شوی دی. سیمه ییز چارواکي "
            "وايي چې دا پروژه به په دوو کلونو کې بشپړه شي.",
            "د ارغنداب د انارو بزګرانو له اوږدې مودې راهیسې د اوبو له کمښت څخه شکایت کاوه. یو سپین ږیري بزګر، حاجي "
            "عبدالرحمن، وویل: «که اوبه په وخت راورسېږي، زموږ باغونه به بېرته شنه شي.»",
            "د پروژې انجینران وايي چې د کار په لومړي پړاو کې به د سیمې شاوخوا درې سوه کارګران په کار وګمارل شي.",
        ),
        tags=(AFGHANISTAN, KANDAHAR, AGRICULTURE),
        author=PASHTO_REPORTER,
        hours_ago=52,
    ),
    SampleStory(
        slug="sample-fa-af-herat-saffron",
        language=Language.DARI,
        title="بازار زعفران هرات امسال رونق گرفت",
        standfirst="زعفران‌کاران هرات می‌گویند حاصل امسال بهتر از سال گذشته است و تقاضا از بازارهای بیرونی افزایش یافته.",
        paragraphs=(
            "فصل برداشت زعفران در ولسوالی‌های پشتون زرغون و غوریان هرات به پایان رسیده و دهقانان از حاصل امسال "
            "راضی‌اند. به گفتهٔ آنان، هوای مساعد پاییز باعث شد گل‌ها دیرتر پژمرده شوند.",
            "فریبا، یکی از زنانی که در پاک‌کاری زعفران کار می‌کند، گفت: «امسال هر روز از صبح تا شام کار داشتیم. مزد "
            "ما هم نسبت به سال گذشته کمی بیشتر شده است.»",
            "تاجران زعفران در شهر هرات می‌گویند بخش بزرگ حاصل امسال به کشورهای همسایه و خلیج صادر خواهد شد، اما "
            "هزینهٔ بسته‌بندی و حمل‌ونقل هنوز یک مشکل است.",
        ),
        tags=(AFGHANISTAN, HERAT, ECONOMY),
        author=DARI_REPORTER,
        hours_ago=5,
    ),
    SampleStory(
        slug="sample-fa-af-salang-snow",
        language=Language.DARI,
        title="برف‌باری سنگین شاهراه سالنگ را برای چند ساعت مسدود کرد",
        standfirst="صدها موتر در دو سوی تونل سالنگ متوقف ماندند تا راه از برف پاک شد.",
        paragraphs=(
            "برف‌باری سنگین شب گذشته شاهراه سالنگ، راه اصلی میان کابل و ولایت‌های شمالی، را برای چند ساعت مسدود کرد. "
            "مسافران می‌گویند از نیمه‌شب تا صبح در موترهای خود منتظر ماندند.",
            "احمدشاه، راننده‌ای که از مزار شریف بار میوه به کابل می‌آورد، گفت: «هوا بسیار سرد بود و بسیاری از "
            "مسافران، به‌ویژه کودکان، مشکل داشتند.»",
            "مسئولان وزارت فواید عامه می‌گویند ماشین‌های برف‌روبی بیشتری در دو سوی تونل مستقر شده‌اند و از رانندگان "
            "خواسته‌اند پیش از سفر از وضعیت راه آگاه شوند و زنجیر تایر همراه داشته باشند.",
        ),
        tags=(AFGHANISTAN, KABUL, WEATHER),
        author=DARI_REPORTER,
        hours_ago=30,
    ),
    SampleStory(
        slug="sample-fa-af-bamyan-mobile-libraries",
        language=Language.DARI,
        title="کتابخانه‌های سیار در روستاهای بامیان به دست کودکان کتاب می‌رسانند",
        standfirst="گروهی از جوانان داوطلب هر هفته با یک موتر کوچک به روستاهای دوردست بامیان کتاب می‌برند.",
        paragraphs=(
            "در ولایت بامیان، گروهی از جوانان داوطلب یک کتابخانهٔ سیار راه انداخته‌اند که هر هفته به چند روستای "
            "دوردست سر می‌زند. کودکان می‌توانند کتاب‌ها را برای یک هفته به امانت بگیرند.",
            "زهرا، یکی از بنیان‌گذاران این برنامه، می‌گوید: «بسیاری از این کودکان تا حالا کتاب قصه ندیده بودند. حالا "
            "روزهای آمدن موتر را می‌شمارند.»",
            "این گروه بیشتر کتاب‌های خود را از راه کمک مردم در کابل و بامیان جمع‌آوری کرده و می‌خواهد در بهار آینده "
            "برنامه را به ولسوالی‌های یکاولنگ و پنجاب گسترش دهد.",
        ),
        tags=(AFGHANISTAN, BAMYAN, EDUCATION),
        author=DARI_REPORTER,
        hours_ago=75,
    ),
)


class NoSection(Exception):
    """Samples go into the sections that exist; there is none yet."""


def load_sample_stories(*, dry_run: bool = False) -> list[Article]:
    """Create the samples that do not exist yet (live, in the existing sections, in turn); return them."""
    sections = list(Section.objects.order_by("position", "pk"))
    if not sections:
        raise NoSection("There is no section yet: import the seeds (manage.py import_seeds seeds/) or add one first.")
    existing = set(Article.objects.filter(slug__in=[story.slug for story in STORIES]).values_list("slug", flat=True))
    missing = [story for story in STORIES if story.slug not in existing]
    if dry_run:
        return [Article(slug=story.slug, title=story.title, language=story.language) for story in missing]
    created = []
    now = timezone.now()
    with transaction.atomic():
        for number, story in enumerate(missing):
            article = Article.objects.create(
                slug=story.slug,
                title=story.title,
                standfirst=story.standfirst,
                body="".join(f"<p>{paragraph}</p>" for paragraph in story.paragraphs),
                section=sections[number % len(sections)],
                language=story.language,
                status=Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=story.hours_ago),
                is_sample=True,
            )
            article.tags.add(*(_tag(sample_tag) for sample_tag in story.tags))
            ArticleAuthor.objects.create(article=article, author=_author(story.author))
            created.append(article)
    return created


def _author(sample: SampleAuthor) -> Author:
    author, _created = Author.objects.get_or_create(slug=sample.slug, defaults={"name": sample.name, "bio": sample.bio})
    return author


def _tag(sample: SampleTag) -> Tag:
    """The English-named tag, with its Pashto and Dari names unless an editor already gave others."""
    tag = Tag.objects.filter(name__iexact=sample.english).first() or Tag.objects.create(name=sample.english)
    for language, name in ((Language.PASHTO, sample.pashto), (Language.DARI, sample.dari)):
        TagName.objects.get_or_create(tag=tag, language=language, defaults={"name": name})
    return tag


def remove_sample_stories(*, dry_run: bool = False) -> int:
    """Delete every sample story; return how many there were."""
    samples = Article.objects.filter(is_sample=True)
    count = samples.count()
    if not dry_run:
        with transaction.atomic():
            for article in samples:  # one by one: the page cache and search hear of each
                article.delete()
            # The sample bylines, unless an editor has since put one on a story of their own.
            Author.objects.filter(slug__in=[author.slug for author in SAMPLE_AUTHORS], bylines__isnull=True).delete()
    return count

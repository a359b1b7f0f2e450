import functools
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from articles.sanitize import clean_body_html


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    PASHTO = "ps", _("Pashto")
    DARI = "fa-af", _("Dari")


RTL_LANGUAGES = {code for code, _name in Language.choices if get_language_info(code)["bidi"]}


def unique_slug(model, text: str, *, exclude_pk=None, field: str = "slug", max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by another row of ``model``."""
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "item"
    candidate, n = base, 2
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager.all()
    while others.filter(**{field: candidate}).exists():
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return candidate


@deconstructible
class GeneratedUploadName:
    """Store uploads under a random name: the reporter's file name can leak facts."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = Path(filename).suffix.lower()[:8]
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedUploadName) and other.folder == self.folder


hero_upload_to = GeneratedUploadName("heroes")
author_upload_to = GeneratedUploadName("authors")


class Section(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order in the site's navigation, lowest first."))

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True, allow_unicode=True)
    bio = models.TextField(blank=True, help_text=_("A sentence or two shown on the author's page."))
    photo = models.ImageField(upload_to=author_upload_to, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author_profile"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def live_condition(now=None) -> Q:
    """What readers may see: published, and its time has come. The only definition of it.

    Scheduling needs no job: the time test is in the query.
    ``now``: the moment to test against (default: this one).
    """
    return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see (``live_condition``): every public view, feed, sitemap and search starts here."""
        return self.filter(live_condition())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def next_scheduled_publication(self):
        """When the next scheduled story goes live (reader pages change then), or None."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()

    def awaiting_review(self):
        return self.filter(status=Status.REVIEW)

    def visible_to(self, user):
        """What a member of staff may open in the admin (form, history, search, autocomplete) and
        preview: editors everything, anyone else only their own work (``own_work``). The only
        definition of it; ``can_edit`` and the previews build on it."""
        if user.is_active and user.has_perm(PUBLISH_PERMISSION):
            return self.all()
        if not (user.is_active and user.is_staff):
            return self.none()
        return self.filter(own_work(user))

    def readable_by(self, user):
        """Reader pages as this person may see them: what readers see, and for staff their own
        unpublished work too (previews). Anonymous readers get exactly ``published()``."""
        if user.is_active and user.has_perm(PUBLISH_PERMISSION):
            return self.all()
        if not (user.is_active and user.is_staff):
            return self.published()
        return self.filter(live_condition() | own_work(user))


def own_work(user) -> Q:
    """A writer's own stories: created by them, bylined to them (an Author linked to their
    account) or assigned to them. Unpublished stories of others are not theirs to read."""
    # One id list (a UNION, each part from its own index), not three ORed conditions: with those
    # PostgreSQL tests every article in turn, 100,000 for a writer with a handful of stories.
    created = Article.objects.filter(created_by=user).order_by().values("pk")
    assigned = Article.objects.filter(assignee=user).order_by().values("pk")
    bylined = ArticleAuthor.objects.filter(author__user=user).order_by().values("article_id")
    return Q(pk__in=created.union(assigned, bylined))


# Who may publish is also who may see every story (``visible_to``); articles.services checks it for actions.
PUBLISH_PERMISSION = "articles.publish_article"


class Article(models.Model):
    title = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        max_length=255, unique=True, allow_unicode=True, blank=True,
        help_text=_("Filled from the headline. Old links keep working if it changes."),
    )
    standfirst = models.TextField(blank=True, help_text=_("The summary under the headline, and in lists and shares."))
    body = models.TextField(blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True, through="ArticleTag")
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles", blank=True)

    hero_image = models.ImageField(upload_to=hero_upload_to, blank=True, width_field="hero_width", height_field="hero_height")
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(_("alt text"), max_length=300, blank=True, help_text=_("Required with an image: what it shows, for readers who cannot see it."))
    hero_caption = models.CharField(_("caption"), max_length=500, blank=True)
    hero_credit = models.CharField(_("credit"), max_length=200, blank=True)
    # Where the photo's subject is, as fractions of its width and height from the top left corner:
    # every crop (story cards, share images) keeps this point in the picture.
    hero_focal_x = models.FloatField(
        _("focal point across"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right. Click the photo to set it."),
    )
    hero_focal_y = models.FloatField(
        _("focal point down"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )

    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        help_text=_("The original this article translates."),
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True,
        help_text=_("Live only when Published and this time has passed. A future time schedules it."),
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    # Internal, like ArticleNote: never shown to readers, in feeds, search results or share images.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_articles",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text="The colleague who works on this story now. Internal: readers never see it.",
    )

    view_count = models.PositiveIntegerField(default=0, help_text=_("Carried over from the old site by the import."))
    source_name = models.CharField(max_length=255, blank=True, editable=False, help_text=_("File this article was imported from."))
    source_hash = models.CharField(max_length=64, blank=True, editable=False, help_text=_("SHA-256 of the imported text."))
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(
        default=False, editable=False,
        help_text="A sample story from `make run` (manage.py load_sample_stories); remove_sample_stories deletes them.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_live_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_live_idx"),
            # Newest first, ties by id (selectors.NEWEST_FIRST): "newest N" reads N index entries, no sort.
            models.Index(fields=["language", "status", "-published_at", "-id"], name="article_lang_newest_idx"),
            # Reader lists filter by the edition's language too: a section's page and its count.
            models.Index(fields=["section", "language", "status", "-published_at", "-id"],
                         name="article_section_newest_idx"),
            # Home "most read": the top few by views without sorting the archive.
            models.Index(fields=["language", "status", "-view_count"], name="article_most_read_idx"),
            # The admin list's default ordering (all states) and date_hierarchy's first/last date.
            models.Index(fields=["-published_at", "-id"], name="article_newest_idx"),
            # Related stories reach candidates by id through the tag links: the live check and the
            # sort key straight from this index (index-only), not from each row.
            models.Index(fields=["id", "language", "status", "published_at"], name="article_live_probe_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_hash"], condition=~Q(source_hash=""), name="article_unique_source_hash"
            ),
            # The importer finds an imported file's article by its name (importer/services.py).
            models.UniqueConstraint(
                fields=["source_name"], condition=~Q(source_hash=""), name="article_unique_imported_file"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(hero_focal_x__gte=0, hero_focal_x__lte=1, hero_focal_y__gte=0, hero_focal_y__lte=1),
                name="article_hero_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_body_html(self.body)
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk, max_length=200)
        if self.status == Status.PUBLISHED:
            if self.published_at is None:
                self.published_at = timezone.now()
            if self.first_published_at is None:
                self.first_published_at = self.published_at
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"body", "slug", "published_at", "first_published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The story's address in the active edition: the URL pattern reversed once per edition
        (and URLconf), then filled in, as reverse() would, for each story. A list page links
        dozens of stories, and reverse() per link was a fifth of a story card's cost."""
        url = _article_url_pattern(get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        return url.format(section=_url_part(self.section.slug), pk=self.pk, slug=_url_part(self.slug))

    @property
    def is_published(self) -> bool:
        """Agrees with ``Article.objects.published()``; a test holds them together."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def is_rtl(self) -> bool:
        return get_language_info(self.language)["bidi"]

    @property
    def seen_by_readers(self) -> bool:
        """Live, scheduled, or live once (unpublishing changes pages too): a change to such
        a story changes reader pages; a draft that never went out changes none."""
        return self.status == Status.PUBLISHED or self.first_published_at is not None

    @property
    def state_label(self) -> str:
        """What an editor needs to know at a glance: Draft, In review, Scheduled, Live, Archived."""
        if self.is_scheduled:
            return str(_("Scheduled"))
        if self.is_published:
            return str(_("Live"))
        return self.get_status_display()

    @property
    def ordered_authors(self):
        return [link.author for link in self.article_authors.all()]

    @property
    def was_updated(self) -> bool:
        return bool(self.published_at and self.updated_at and (self.updated_at - self.published_at).total_seconds() > 3600)

    # Named transitions; permissions are checked by the services that call them.
    def submit_for_review(self):
        self.status = Status.REVIEW

    def publish(self, *, at=None):
        self.status = Status.PUBLISHED
        self.published_at = at or self.published_at or timezone.now()

    def unpublish(self):
        self.status = Status.DRAFT


@functools.lru_cache(maxsize=64)
def _article_url_pattern(language, script_prefix, urlconf) -> str:
    # Stand-ins that reverse() leaves as they are, swapped for format() fields.
    url = reverse("articles:detail", kwargs={"section": "SECTION-", "pk": 9, "slug": "SLUG-"})
    return url.replace("{", "{{").replace("}", "}}").replace("SECTION-", "{section}").replace("/9-", "/{pk}-").replace(
        "SLUG-", "{slug}"
    )


def _url_part(text: str) -> str:
    return quote(text, safe=RFC3986_SUBDELIMS + "/~:@")


class ArticleAuthor(models.Model):
    """An author's place in an article's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    # The article's, for the author page's order (keep_link_times).
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")]
        # An author's page: the newest of their stories straight from this index (keep_link_times).
        indexes = [models.Index(fields=["author", "-published_at", "-article"], name="byline_author_newest_idx")]

    def __str__(self):
        return f"{self.author} on {self.article}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.published_at = self.article.published_at
        super().save(*args, **kwargs)


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(help_text=_("What was wrong and what is right now. Shown at the top of the article."))
    corrected_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-corrected_at", "-id"]

    def __str__(self):
        return f"Correction to {self.article} ({self.corrected_at:%Y-%m-%d})"


# The fields a pending version holds: the words readers see. Placement, tags and the photo itself
# are changed with Save (at once), as before.
STAGED_FIELDS = ("title", "standfirst", "body", "hero_alt", "hero_caption", "hero_credit")


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        """Not yet published (or discarded): at most one per article."""
        return self.filter(applied_at__isnull=True)

    def due(self, now=None):
        return self.open().filter(publish_at__lte=now or timezone.now())


class PendingChange(models.Model):
    """Edits to a live story kept aside: readers see the live text until an editor publishes them
    (articles.services.pending_publish), at once or at ``publish_at``.

    Never read by a reader page, feed, search or sitemap: those read the Article row, which this
    does not touch until it is published. Not watched by the page cache (pagecache.watch): saving
    one changes no page. Published ones stay as the record of what was staged, by whom, when.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pending_changes")
    fields = models.JSONField("pending text", default=dict, help_text="The staged fields (STAGED_FIELDS) as they will be published.")
    base = models.JSONField(default=dict, editable=False,
                            help_text="The same fields as they were live when the pending version was started: the version check.")
    based_on = models.DateTimeField(null=True, editable=False, help_text="The live version's time when this was started.")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now, editable=False)
    publish_at = models.DateTimeField(null=True, blank=True, help_text="Published in the background at this time.")
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="+")
    correction_note = models.TextField(blank=True, help_text="Becomes a public correction when the changes are published.")
    held_reason = models.CharField(max_length=300, blank=True, editable=False,
                                   help_text="Why a scheduled publication did not happen.")
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = "pending change"  # the admin is in English; readers never see these
        constraints = [
            models.UniqueConstraint(fields=["article"], condition=Q(applied_at__isnull=True),
                                    name="pending_change_one_open_per_article"),
        ]

    def __str__(self):
        return f"Pending changes to {self.article_id} by {self.proposed_by or 'someone'}"

    def changed_fields(self) -> list[str]:
        """The staged fields whose pending text differs from the live article's."""
        return [name for name in STAGED_FIELDS if name in self.fields and self.fields[name] != getattr(self.article, name)]

    def conflicts(self) -> list[str]:
        """Staged fields changed on the live article since this version was started from it: publishing
        would undo those changes."""
        live = {name: getattr(self.article, name) for name in self.fields}
        return [name for name, value in self.fields.items()
                if name in self.base and self.base[name] != live[name] and value != live[name]]

    def applied_to(self, article: Article) -> Article:
        """``article`` (not saved) with the pending text: what a preview shows."""
        for name, value in self.fields.items():
            if name in STAGED_FIELDS:
                setattr(article, name, value)
        return article


class ArticleNote(models.Model):
    """A line of the newsroom's internal conversation about a story ("the minister's office will
    call back at 3"). Never public: no reader page, feed, search document or share image reads it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                               on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("note", max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "internal note"  # the admin is in English; readers never see notes

    def __str__(self):
        return f"Note on {self.article_id} by {self.author or 'someone'}"


class TagName(models.Model):
    """A tag's name in the Pashto or Dari edition ("Afghanistan" is "افغانستان"), beside taggit's
    Tag (whose own name is the English one). Read through ``articles.tags.tag_display_name``."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="translated_names")
    language = models.CharField(max_length=8, choices=[(Language.PASHTO, Language.PASHTO.label), (Language.DARI, Language.DARI.label)])
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["language"]
        verbose_name = "name in another edition"
        verbose_name_plural = "names in Pashto and Dari"
        constraints = [models.UniqueConstraint(fields=["tag", "language"], name="tagname_one_per_language")]

    def __str__(self):
        return f"{self.name} ({self.language})"


rendition_upload_to = GeneratedUploadName("renditions")


class HeroRendition(models.Model):
    """A WebP copy of an article's hero image at one width, made once and reused.

    ``source`` records which upload it was made from, so replacing the hero
    makes old renditions stale instead of wrong.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hero_renditions")
    source = models.CharField(max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(upload_to=rendition_upload_to, max_length=255)

    class Meta:
        ordering = ["width"]
        constraints = [
            models.UniqueConstraint(fields=["article", "source", "width"], name="rendition_unique_width"),
        ]

    def __str__(self):
        return f"{self.width}px rendition of {self.source}"


class ArticleTag(TaggedItemBase):
    """A tag on an article (django-taggit's link, as a model of our own: a real foreign key, and
    the copy of the article's time that the tag page's index needs: keep_link_times)."""

    # Not indexed alone: the unique (article, tag) and the (tag, time, article) indexes lead with them.
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items", db_index=False)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items", db_index=False)
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="article_tag_unique")]
        indexes = [models.Index(fields=["tag", "-published_at", "-content_object"], name="article_tag_newest_idx")]

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.published_at = self.content_object.published_at
        super().save(*args, **kwargs)


@receiver(post_save, sender=Article)
def keep_link_times(sender, instance, created, raw, **kwargs):
    """Copy the article's ``published_at`` to those of its tag and byline rows that differ.

    Why the links hold a copy: tag and author pages list a tag's or an author's newest live
    stories. Found through the link rows alone, that means reading and sorting every story the
    tag or author ever had, a cost that grows with the archive (docs/performance.md). With the
    article's time on each link and an index on (tag or author, time), a page reads the newest
    links in order and stops once it has a page of live stories.

    The copy decides only the order: what readers see is still decided by ``published()`` on
    the article itself, so a stale copy could misplace a story in a list, never show one.
    A link saved one by one copies the time itself (``save()``); a bulk insert passes it. Every
    save of the article (raw ones too: fixtures, restored versions) puts right any link that
    differs, including one written without the time (by the previous release during an upgrade).
    """
    if created and not raw:
        return  # no links yet
    for links in (ArticleTag.objects.filter(content_object=instance), ArticleAuthor.objects.filter(article=instance)):
        links.exclude(published_at=instance.published_at).update(published_at=instance.published_at)


@receiver(post_save, sender=ArticleTag)
@receiver(post_save, sender=ArticleAuthor)
def restored_link_time(sender, instance, raw, **kwargs):
    """A link loaded raw (a fixture; a byline restored with its article's history by django-reversion)
    may hold the time of another version, or none: it takes its article's."""
    if raw:
        article_id = instance.content_object_id if sender is ArticleTag else instance.article_id
        time = Article.objects.filter(pk=article_id).values("published_at")
        sender.objects.filter(pk=instance.pk).update(published_at=Subquery(time))


@receiver(post_delete, sender=HeroRendition)
def delete_rendition_file(sender, instance, **kwargs):
    """A rendition's file goes with its row, also when its article is deleted (a cascade calls no ``delete()``)."""
    if instance.file:
        instance.file.delete(save=False)


# Who may choose the front pages' stories and switch the breaking-news banner (articles.curation).
CURATE_PERMISSION = "articles.curate_front_page"


class Place(models.TextChoices):
    FRONT_PAGE = "front", "Front page"
    SECTION = "section", "Top of its section"


class PinQuerySet(models.QuerySet):
    def current(self, now=None):
        """Pins still in force: no "until", or one still to come. Whether readers see the story
        is ``Article.objects.published()``'s to say, at the time they look."""
        return self.filter(Q(until__isnull=True) | Q(until__gt=now or timezone.now()))



class Pin(models.Model):
    """A story an editor keeps at the top, whatever is published after it: on its edition's front
    page (``position`` 0 is the lead, then the secondary stories in order), or at the top of its
    section's page. The edition is the story's language; the section is the story's section."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pins")
    place = models.CharField(max_length=8, choices=Place.choices, default=Place.FRONT_PAGE)
    position = models.PositiveSmallIntegerField(default=0)
    until = models.DateTimeField(
        null=True, blank=True, help_text="Empty: until an editor takes it off. After this time the story falls back "
        "into the newest-first flow.",
    )
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                  on_delete=models.SET_NULL, related_name="+")
    pinned_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PinQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "front-page pin"
        verbose_name_plural = "front pages"  # the admin's Front pages screen (articles/admin_curation.py)
        permissions = [("curate_front_page", "Can choose the front pages' stories and the breaking-news banner")]
        constraints = [models.UniqueConstraint(fields=["article", "place"], name="pin_once_per_place")]
        indexes = [models.Index(fields=["place", "position"], name="pin_place_idx")]

    def __str__(self):
        return f"{self.article} ({self.get_place_display()})"


class Banner(models.Model):
    """One edition's breaking-news line across the top of every reader page: on while
    ``is_on`` and until ``ends_at``."""

    language = models.CharField(max_length=8, choices=Language.choices, unique=True)
    text = models.CharField(max_length=200, help_text="One line, in the edition's language.")
    link = models.CharField(
        max_length=500, blank=True,
        help_text="Where the line leads: an address on this site (/ps/…) or a full https:// address.",
    )
    is_on = models.BooleanField(default=False)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="It goes away by itself at this time.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "breaking-news banner"

    def __str__(self):
        return f"{self.get_language_display()}: {self.text}"

    def is_showing(self, now=None) -> bool:
        return self.is_on and bool(self.text) and (self.ends_at is None or self.ends_at > (now or timezone.now()))



def next_curation_change():
    """When the next pin falls back into the flow or the next banner that is on ends (reader
    pages change then), or None: one query for both (the page cache asks on every page it stores)."""
    now = timezone.now()
    pins = Pin.objects.filter(until__gt=now).order_by().values_list("until")
    banners = Banner.objects.filter(is_on=True, ends_at__gt=now).order_by().values_list("ends_at")
    return min((moment for (moment,) in pins.union(banners, all=True)), default=None)

import datetime
import importlib

import factory
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author, Correction, Language, Section, Status

ROLE_MIGRATIONS = [
    ("articles.migrations.0002_editorial_roles", "create_roles"),
    ("donations.migrations.0002_treasurer_permissions", "grant_donation_permissions"),
    ("articles.migrations.0013_tag_names", "grant_tag_names"),
    ("articles.migrations.0016_front_page_curation", "grant_curation"),
    ("photos.migrations.0002_photo_permissions", "grant_photo_permissions"),
    ("photos.migrations.0003_embeds", "grant_embed_permissions"),
]


def ensure_roles():
    """Tests on a live server flush the database, migration-made roles included; make them again."""
    if Group.objects.filter(name__in=["Writers", "Editors", "Treasurer"]).count() == 3:
        return
    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            ensure_roles()
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    bio = "Covers politics from Kabul."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A live article unless a trait says otherwise: ``ArticleFactory(draft=True)``."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Headline number {n}")
    standfirst = "A short summary of the story."
    body = "<p>First paragraph of the story.</p><h2>Background</h2><p>More detail.</p>"
    section = factory.SubFactory(SectionFactory)
    language = Language.ENGLISH
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Status.PUBLISHED, published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )
        archived = factory.Trait(status=Status.ARCHIVED)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for position, author in enumerate(extracted):
                ArticleAuthor.objects.create(article=self, author=author, position=position)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version misstated the date of the meeting."

import datetime

import factory
from django.utils import timezone

from liveblog.models import Entry, LiveBlog
from tests.factories import ArticleFactory


class LiveBlogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveBlog

    article = factory.SubFactory(ArticleFactory, title="Floods in Kabul: live")
    coverage_start = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    coverage_end = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=10))


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    live_blog = factory.SubFactory(LiveBlogFactory)
    body = factory.Sequence(lambda n: f"<p>Update number {n} from the river bank.</p>")
    posted_at = factory.LazyFunction(timezone.now)

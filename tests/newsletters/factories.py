import factory
from django.utils import timezone

from newsletters.models import Issue, IssueArticle, Newsletter, Subscriber, Subscription


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    name = factory.Sequence(lambda n: f"Newsletter {n}")
    slug = factory.Sequence(lambda n: f"newsletter-{n}")
    language = "en"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.net")
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)


def subscribe(newsletter, count: int, *, prefix: str = "reader") -> list[Subscriber]:
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.net", confirmed_at=now, consent_at=now) for n in range(count)
    )
    subscribers = list(Subscriber.objects.filter(email__startswith=prefix).order_by("pk"))
    Subscription.objects.bulk_create(Subscription(subscriber=s, newsletter=newsletter) for s in subscribers)
    return subscribers


def issue_with(newsletter, articles, **kwargs) -> Issue:
    issue = Issue.objects.create(newsletter=newsletter, subject=kwargs.pop("subject", "This week"), **kwargs)
    IssueArticle.objects.bulk_create(IssueArticle(issue=issue, article=a, position=i) for i, a in enumerate(articles))
    return issue

"""Newsletters, the readers who subscribe to them, their issues and one delivery row per reader and issue.

The delivery row is what makes a send exactly-once: it is created for every recipient before the
first message leaves (``services.issue_start_sending``), and ``sending.send_batch`` moves each row
from pending to sent one by one (docs in ``newsletters/sending.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article, Language

# Labels and help texts below are seen only in the admin, which is English (see newsletters/admin.py).


class Cadence(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Newsletter(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="Part of the newsletter's page address.")
    language = models.CharField(
        "edition", max_length=8, choices=Language.choices,
        help_text="The edition it belongs to: its issues are written, laid out and sent in this language.",
    )
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.WEEKLY)
    description = models.TextField(blank=True, help_text="One or two sentences on the sign-up page.")
    sender = models.CharField(
        max_length=254, blank=True,
        help_text='The From of its emails, e.g. "Dawat Weekly <weekly@example.org>". Empty: the site\'s sender.',
    )
    reply_to = models.EmailField(blank=True)
    is_active = models.BooleanField(
        "open for sign-up", default=True, help_text="Readers can sign up only to open newsletters."
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def from_email(self) -> str:
        return self.sender or settings.DEFAULT_FROM_EMAIL


class Subscriber(models.Model):
    """A reader's address. Created only when the reader confirms it (or by an import of confirmed
    addresses): an unconfirmed sign-up lives only in the signed link we mail."""

    email = models.EmailField(max_length=254)
    language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH,
        help_text="The edition the reader signed up on: the language of their account emails.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField(help_text="When the reader agreed to receive the newsletters.")
    suppressed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the address bounced for good or complained: never mailed again."
    )
    suppressed_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    newsletters = models.ManyToManyField(Newsletter, through="Subscription", related_name="subscribers")

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)


def normalise_email(address: str) -> str:
    """One spelling per address: the domain is case-insensitive everywhere, and no real mailbox
    distinguishes case in its local part either, so the whole address is lower-cased."""
    return (address or "").strip().lower()


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(
            unsubscribed_at__isnull=True,
            subscriber__confirmed_at__isnull=False,
            subscriber__suppressed_at__isnull=True,
        )


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_from_issue = models.ForeignKey(
        "Issue", null=True, blank=True, on_delete=models.SET_NULL, related_name="unsubscriptions",
        help_text="The issue whose unsubscribe link or header the reader used.",
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="newsletter_subscription_unique")
        ]

    def __str__(self):
        return f"{self.subscriber} → {self.newsletter}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class Issue(models.Model):
    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=200)
    intro = models.TextField(blank=True, help_text="A few sentences at the top, in the newsletter's language.")
    articles = models.ManyToManyField(
        Article, through="IssueArticle", related_name="+", blank=True,
        help_text="Published stories only; the issue lists them in this order.",
    )
    status = models.CharField(max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT, editable=False)
    scheduled_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_wake_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a send task is next queued to look at this issue."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_issue", "Can send and schedule newsletter issues")]

    def __str__(self):
        return self.subject

    @property
    def is_editable(self) -> bool:
        return self.status in (IssueStatus.DRAFT, IssueStatus.SCHEDULED)

    def ordered_articles(self):
        return self.articles.published().select_related("section").order_by("issuearticle__position", "pk")


class IssueArticle(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, limit_choices_to={"status": "published"})
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["issue", "article"], name="newsletter_issue_article_unique")]

    def __str__(self):
        return str(self.article)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED_TEMPORARY = "failed_temporary", "Failed, will retry"
    FAILED_PERMANENT = "failed_permanent", "Failed for good"
    SKIPPED = "skipped", "Skipped (unsubscribed before it was sent)"


# Rows a send still has to finish: the issue is done when none is left.
UNFINISHED = [DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.FAILED_TEMPORARY]


class Delivery(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="While 'sending': when another worker may take the row over."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # What the mail provider's webhook later reported about this message (newsletters/bounces.py);
    # plain SMTP reports nothing, so these stay empty there.
    delivered_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")]
        indexes = [
            # What the senders claim: an issue's unfinished rows, oldest first.
            models.Index(
                fields=["issue", "id"], name="newsletter_delivery_todo_idx",
                condition=Q(status__in=["pending", "sending", "failed_temporary"]),
            ),
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a copy sent twice (a worker killed between the
        SMTP server's acceptance and our record of it) is recognisable as one message."""
        return f"<newsletter-{self.issue_id}-{self.pk}@{settings.NEWSROOM_DOMAIN.split(':')[0]}>"


class SendingSecond(models.Model):
    """How many messages all workers together have sent in one second (``newsletters.ratelimit``)."""

    second = models.BigIntegerField(primary_key=True, help_text="Seconds since the epoch.")
    sent = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.second}: {self.sent}"

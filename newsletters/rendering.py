"""Newsletter emails as mail clients need them: HTML with every style inlined (most clients drop
<style>), ``dir`` and alignment written on the elements themselves for Pashto and Dari, a
plain-text part, and the RFC 8058 one-click unsubscribe headers.

An issue is rendered once per batch with stand-ins for the two per-reader links; each message
swaps them for the reader's signed links. Rendering and inlining 50,000 times would be most of
a send's cost, and every reader's copy is otherwise the same.
"""

from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_info

from donations.selectors import reader_appeal
from editions.names import newsroom_name
from newsletters import inbound, links, tokens
from newsletters.models import Issue, Newsletter

UNSUBSCRIBE_STAND_IN = "https://newsletter.invalid/unsubscribe-stand-in"
PREFERENCES_STAND_IN = "https://newsletter.invalid/preferences-stand-in"

_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def direction(language: str) -> str:
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


@dataclass(frozen=True)
class RenderedIssue:
    issue_id: int
    newsletter_id: int
    language: str
    subject: str
    from_email: str
    reply_to: str
    html: str
    text: str


def _story(article, language: str) -> dict:
    with translation.override(language):
        url = links.absolute(article.get_absolute_url())
    return {"title": article.title, "standfirst": article.standfirst, "url": url, "section": article.section.name}


def email_context(*, newsletter: Newsletter, subject: str, intro: str, articles) -> dict:
    language = newsletter.language
    return {
        "newsletter": newsletter,
        "subject": subject,
        "intro_paragraphs": [part.strip() for part in intro.replace("\r\n", "\n").split("\n\n") if part.strip()],
        "stories": [_story(article, language) for article in articles],
        "appeal": reader_appeal(language),
        "donate_url": links.in_edition(language, "donations:donate"),
        "site_url": links.in_edition(language, "articles:home"),
        "language": language,
        "dir": direction(language),
        "align": "right" if direction(language) == "rtl" else "left",
        # The edition's own name ("دعوت میډیا"), as its website calls itself, not the English one.
        "NEWSROOM_NAME": newsroom_name(language),
        "unsubscribe_url": UNSUBSCRIBE_STAND_IN,
        "preferences_url": PREFERENCES_STAND_IN,
    }


def inline_css(html: str) -> str:
    return _inliner.inline(html)


def render_issue(issue: Issue) -> RenderedIssue:
    newsletter = issue.newsletter
    context = email_context(
        newsletter=newsletter, subject=issue.subject, intro=issue.intro, articles=issue.ordered_articles()
    )
    with translation.override(newsletter.language):
        html = inline_css(render_to_string("newsletters/email/issue.html", context))
        text = render_to_string("newsletters/email/issue.txt", context)
    return RenderedIssue(
        issue_id=issue.pk, newsletter_id=newsletter.pk, language=newsletter.language, subject=issue.subject,
        from_email=newsletter.from_email, reply_to=newsletter.reply_to, html=html, text=text,
    )


# The metadata key that names our delivery row in a provider's webhook event.
DELIVERY_METADATA = "newsletter_delivery"


def issue_message(
    rendered: RenderedIssue, *, to: str, subscriber_id: int | None, message_id: str, connection=None,
    delivery_id: int | None = None,
) -> EmailMultiAlternatives:
    """One reader's copy. ``subscriber_id`` None: an editor's test copy, whose links lead nowhere real.
    ``delivery_id`` goes out as the provider's metadata, which its webhook events carry back, so a
    delivery, bounce or complaint is counted against this issue (newsletters/bounces.py)."""
    mailto = None
    if subscriber_id is None:
        unsubscribe = preferences = links.in_edition(rendered.language, "newsletters:signup")
    else:
        token = tokens.make_unsubscribe(
            subscriber_id=subscriber_id, newsletter_id=rendered.newsletter_id, issue_id=rendered.issue_id
        )
        unsubscribe = links.unsubscribe_url(token=token, language=rendered.language)
        mailto = inbound.mailto_uri(token)
        preferences = links.manage_url(subscriber_id=subscriber_id, language=rendered.language)
    html = rendered.html.replace(UNSUBSCRIBE_STAND_IN, unsubscribe).replace(PREFERENCES_STAND_IN, preferences)
    text = rendered.text.replace(UNSUBSCRIBE_STAND_IN, unsubscribe).replace(PREFERENCES_STAND_IN, preferences)
    headers = {
        "Message-ID": message_id,
        # RFC 2369 and RFC 8058: the https link must accept a POST of exactly this body.
        "List-Unsubscribe": ", ".join(f"<{uri}>" for uri in (unsubscribe, mailto) if uri),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<newsletter-{rendered.newsletter_id}.{settings.NEWSROOM_DOMAIN.split(':')[0]}>",
        "Content-Language": rendered.language,
    }
    message = EmailMultiAlternatives(
        subject=rendered.subject, body=text, from_email=rendered.from_email, to=[to],
        reply_to=[rendered.reply_to] if rendered.reply_to else None, headers=headers, connection=connection,
    )
    message.attach_alternative(html, "text/html")
    if delivery_id is not None:
        # django-anymail reads this attribute on any EmailMessage; Django's SMTP backend ignores it.
        message.metadata = {DELIVERY_METADATA: str(delivery_id)}
    return message


def confirmation_message(*, email: str, newsletters: list[Newsletter], language: str) -> EmailMultiAlternatives:
    url = links.confirm_url(email=email, newsletter_ids=[n.pk for n in newsletters], language=language)
    context = {
        "confirm_url": url, "newsletters": newsletters, "language": language, "dir": direction(language),
        "align": "right" if direction(language) == "rtl" else "left", "NEWSROOM_NAME": newsroom_name(language),
    }
    with translation.override(language):
        subject = render_to_string("newsletters/email/confirm_subject.txt", context).strip()
        text = render_to_string("newsletters/email/confirm.txt", context)
        html = inline_css(render_to_string("newsletters/email/confirm.html", context))
    message = EmailMultiAlternatives(subject=subject, body=text, to=[email], headers={"Content-Language": language})
    message.attach_alternative(html, "text/html")
    return message

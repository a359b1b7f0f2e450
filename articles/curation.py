"""Editors' choices for the reader pages: the stories pinned to an edition's front page (lead
first), the story at the top of a section, and the edition's breaking-news banner.

As in articles/services.py, each action checks that the person may do it; the admin's
buttons are conveniences. Readers still see only what ``Article.objects.published()`` lets
through: a pinned story that is unpublished leaves the page at once, a scheduled one comes
on at its time.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import CURATE_PERMISSION, Article, Banner, Pin, Place, Status

# The lead and four secondary stories.
MOST_FRONT_PAGE_PINS = 5


def can_curate(user) -> bool:
    return user.is_active and user.has_perm(CURATE_PERMISSION)


def _check(by):
    if not can_curate(by):
        raise PermissionDenied("Only editors choose what goes on the front pages.")


def _check_until(until):
    if until is not None and until <= timezone.now():
        raise ValidationError("“Until” must be a time still to come (or empty: until you take it off).")


def front_page_pins(language: str):
    """The pins of one edition's front page in their order, expired ones included (the admin shows them)."""
    return Pin.objects.filter(place=Place.FRONT_PAGE, article__language=language).select_related("article__section")


def pin_to_front_page(*, article: Article, by, until=None) -> Pin:
    """Put ``article`` on its edition's front page, after the stories already there (the first is the lead)."""
    _check(by)
    _check_until(until)
    if article.status != Status.PUBLISHED:
        raise ValidationError("Only a live or scheduled story can go on the front page: publish or schedule it first.")
    with transaction.atomic():
        pins = list(front_page_pins(article.language).select_for_update(of=("self",)))
        existing = next((pin for pin in pins if pin.article_id == article.pk), None)
        if existing is not None:
            existing.until = until
            existing.save(update_fields=["until"])
            return existing
        current = [pin for pin in pins if pin.until is None or pin.until > timezone.now()]
        if len(current) >= MOST_FRONT_PAGE_PINS:
            raise ValidationError(
                f"The front page already has {MOST_FRONT_PAGE_PINS} chosen stories: take one off first."
            )
        last = max((pin.position for pin in pins), default=-1)
        return Pin.objects.create(article=article, place=Place.FRONT_PAGE, position=last + 1,
                                  until=until, pinned_by=by)


def pin_to_section(*, article: Article, by, until=None) -> Pin:
    """Keep ``article`` at the top of its section's page in its edition, in place of any story pinned there."""
    _check(by)
    _check_until(until)
    if article.status != Status.PUBLISHED:
        raise ValidationError("Only a live or scheduled story can be pinned: publish or schedule it first.")
    with transaction.atomic():
        Pin.objects.filter(place=Place.SECTION, article__section=article.section_id,
                           article__language=article.language).exclude(article=article).delete()
        pin, _created = Pin.objects.update_or_create(
            article=article, place=Place.SECTION, defaults={"until": until, "pinned_by": by},
        )
    return pin


def unpin(*, pin: Pin, by) -> None:
    _check(by)
    pin.delete()


def set_pin_until(*, pin: Pin, by, until) -> Pin:
    _check(by)
    _check_until(until)
    pin.until = until
    pin.save(update_fields=["until"])
    return pin


def reorder_front_page(*, language: str, pin_ids: list[int], by) -> list[Pin]:
    """The edition's front-page pins in this order (the first is the lead); pins not named keep their turn after them."""
    _check(by)
    with transaction.atomic():
        pins = list(front_page_pins(language).select_for_update(of=("self",)))
        by_id = {pin.pk: pin for pin in pins}
        ordered = [by_id[pk] for pk in dict.fromkeys(pin_ids) if pk in by_id]
        ordered += [pin for pin in pins if pin not in ordered]
        for position, pin in enumerate(ordered):
            if pin.position != position:
                pin.position = position
                pin.save(update_fields=["position"])
    return ordered


def move_pin(*, pin: Pin, by, step: int) -> list[Pin]:
    """One place up (``step=-1``) or down (``step=1``) on its front page."""
    language = pin.article.language
    ids = [other.pk for other in front_page_pins(language)]
    index = ids.index(pin.pk)
    target = min(max(index + step, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    return reorder_front_page(language=language, pin_ids=ids, by=by)


def _check_link(link: str) -> str:
    link = link.strip()
    if link and not (link.startswith(("https://", "http://")) or (link.startswith("/") and not link.startswith("//"))):
        raise ValidationError("The link must be an address on this site (starting with /) or a full https:// address.")
    return link


def banner_for(language: str) -> Banner:
    """The edition's banner, made (off, empty) the first time an editor opens it."""
    banner, _created = Banner.objects.get_or_create(language=language)
    return banner


def banner_save(*, language: str, by, text: str, link: str = "", ends_at=None, switch_on: bool | None = None) -> Banner:
    """The edition's banner text, link and end time; ``switch_on`` True/False switches it on or off too."""
    _check(by)
    text = " ".join(text.split())
    if len(text) > Banner._meta.get_field("text").max_length:
        raise ValidationError("Keep the banner to one short line (200 characters at most).")
    link = _check_link(link)
    if switch_on:
        if not text:
            raise ValidationError("Write the banner's line before switching it on.")
        _check_until(ends_at)
    banner = banner_for(language)
    banner.text, banner.link, banner.ends_at, banner.updated_by = text, link, ends_at, by
    if switch_on is not None:
        banner.is_on = switch_on
    banner.save()
    return banner


def banner_switch(*, language: str, by, on: bool) -> Banner:
    """On or off in one action, as it was written."""
    _check(by)
    banner = banner_for(language)
    if on and not banner.text:
        raise ValidationError("Write the banner's line before switching it on.")
    if on and banner.ends_at is not None and banner.ends_at <= timezone.now():
        raise ValidationError("Its end time has passed: give it a new one.")
    banner.is_on, banner.updated_by = on, by
    banner.save(update_fields=["is_on", "updated_by", "updated_at"])
    return banner

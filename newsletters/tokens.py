"""Signed links: the reader's only key. Nothing here is stored; a link is valid because we signed it.

- confirm: carries the address, the chosen newsletters and the edition, so an unconfirmed
  sign-up writes nothing to the database; it expires (``NEWSLETTER_CONFIRM_MAX_AGE``).
- manage: the preference page of one subscriber; it never expires, as links in old emails must work.
- unsubscribe: one newsletter of one subscriber, and the issue it came in (for that issue's report).
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"


def confirm_max_age() -> int:
    return getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def make_confirm(*, email: str, newsletter_ids: list[int], language: str) -> str:
    return signing.dumps({"e": email, "n": sorted(newsletter_ids), "l": language}, salt=CONFIRM_SALT, compress=True)


def read_confirm(token: str) -> dict:
    """{"e": email, "n": [ids], "l": language}; raises signing.BadSignature (or SignatureExpired)."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())


def make_manage(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt=MANAGE_SALT)


def read_manage(token: str) -> int:
    return int(signing.loads(token, salt=MANAGE_SALT))


def make_unsubscribe(*, subscriber_id: int, newsletter_id: int, issue_id: int | None = None) -> str:
    return signing.dumps([subscriber_id, newsletter_id, issue_id], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe(token: str) -> tuple[int, int, int | None]:
    subscriber_id, newsletter_id, issue_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(subscriber_id), int(newsletter_id), (int(issue_id) if issue_id is not None else None)

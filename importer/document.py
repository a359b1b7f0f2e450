"""What the parser hands back: a parsed document or a rejection. Plain data, no Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    """Why a file was refused, in the words the operator reads."""

    EMPTY = "empty file"
    BINARY = "binary file"
    TOO_LARGE = "file over 5 MB"
    NO_HEADLINE = "no headline"
    NO_BODY = "no body"
    UNDECODABLE = "unreadable text encoding"
    UNREADABLE = "unreadable file"


@dataclass(frozen=True)
class Rejection:
    reason: Reason
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason.value} ({self.detail})" if self.detail else self.reason.value


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Bullet:
    text: str
    label: str = ""  # "Industry & Energy" in "Industry & Energy: Major projects ..."


@dataclass(frozen=True)
class BulletList:
    items: tuple[Bullet, ...]


Block = Paragraph | Subheading | BulletList


@dataclass(frozen=True)
class FooterDetails:
    """Donation details printed in the old site's footer; any may be missing."""

    organisation: str = ""
    account_number: str | None = None
    iban: str | None = None
    vipps: str | None = None

    @property
    def has_payment_details(self) -> bool:
        return bool(self.account_number or self.iban or self.vipps)


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    standfirst: str
    blocks: tuple[Block, ...]
    language: str
    content_hash: str  # SHA-256 of the normalised text: same words, same hash, whatever the encoding
    view_count: int = 0
    published_on: datetime.date | None = None
    footer: FooterDetails | None = None

    @property
    def plain_text(self) -> str:
        """Everything a reader will see, for tagging and language detection."""
        return "\n".join([self.title, self.standfirst, *block_texts(self.blocks)])


def block_texts(blocks) -> list[str]:
    texts = []
    for block in blocks:
        if isinstance(block, BulletList):
            texts.extend(f"{item.label}: {item.text}" if item.label else item.text for item in block.items)
        else:
            texts.append(block.text)
    return texts

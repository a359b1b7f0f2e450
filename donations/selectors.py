"""What readers see of the donation details: the live, approved rows, read when a page is built."""

from dataclasses import dataclass, field
from functools import lru_cache

import segno
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

from donations import numbers
from donations.models import DonationDetails, MethodKind, PaymentMethod

# What the QR code for a Vipps number opens. Vipps prints this form on the
# donation stickers it sends organisations; override in settings if Vipps
# gives the newsroom another link.
DEFAULT_VIPPS_QR_URL = "https://qr.vipps.no/donations/{number}"


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _per_language(instance, name: str) -> dict[str, str]:
    return {code: getattr(instance, build_localized_fieldname(name, code), "") or "" for code in _languages()}


def _live_details() -> dict | None:
    # Every reader page shows these: one query for the methods and their details together,
    # a second only while no method is live.
    methods = list(
        PaymentMethod.objects.live()
        .filter(details_id=DonationDetails.SINGLETON_PK, details__is_live=True)
        .select_related("details")
        .order_by("position", "pk")
    )
    details = (
        methods[0].details if methods
        else DonationDetails.objects.filter(pk=DonationDetails.SINGLETON_PK, is_live=True).first()
    )
    if details is None:
        return None
    return {
        "organisation": details.organisation,
        "headline": _per_language(details, "appeal_headline"),
        "text": _per_language(details, "appeal_text"),
        "methods": [
            {
                "kind": method.kind,
                "label": _per_language(method, "label"),
                "bank_name": method.bank_name,
                "account_number": method.account_number,
                "iban": method.iban,
                "bic": method.bic,
                "vipps_number": method.vipps_number,
                "url": method.url,
            }
            for method in methods
        ],
    }


def _in_language(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get(settings.MODELTRANSLATION_DEFAULT_LANGUAGE) or ""


def _language_of(texts: dict[str, str], language: str) -> str:
    """Which language ``_in_language`` actually returns, so a fallback is marked up as what it is."""
    return language if texts.get(language) else settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@dataclass(frozen=True)
class ReaderMethod:
    """A payment method as readers see it, in their language."""

    kind: str
    label: str
    number: str  # grouped for reading: 0530 22 94668
    copy_value: str  # what the copy button puts on the clipboard
    bank_name: str = ""
    bic: str = ""
    url: str = ""

    @property
    def is_link(self) -> bool:
        return self.kind == MethodKind.LINK

    @property
    def is_vipps(self) -> bool:
        return self.kind == MethodKind.VIPPS

    def qr_svg(self) -> str:
        return vipps_qr_svg(self.copy_value) if self.is_vipps else ""


@dataclass(frozen=True)
class ReaderAppeal:
    organisation: str
    headline: str
    text: str
    methods: list[ReaderMethod] = field(default_factory=list)
    text_language: str = "en"
    headline_language: str = "en"

    @property
    def text_direction(self) -> str:
        return "rtl" if get_language_info(self.text_language)["bidi"] else "ltr"

    @property
    def headline_direction(self) -> str:
        return "rtl" if get_language_info(self.headline_language)["bidi"] else "ltr"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def _reader_method(method: dict, language: str) -> ReaderMethod:
    kind = method["kind"]
    label = _in_language(method["label"], language)
    if kind == MethodKind.BANK_ACCOUNT:
        return ReaderMethod(
            kind, label, numbers.format_account_number(method["account_number"]), method["account_number"],
            bank_name=method["bank_name"],
        )
    if kind == MethodKind.IBAN:
        return ReaderMethod(
            kind, label, numbers.format_iban(method["iban"]), method["iban"], bic=numbers.format_bic(method["bic"])
        )
    if kind == MethodKind.VIPPS:
        return ReaderMethod(kind, label, numbers.format_vipps_number(method["vipps_number"]), method["vipps_number"])
    return ReaderMethod(kind, label, method["url"], method["url"], url=method["url"])


def reader_appeal(language: str | None = None) -> ReaderAppeal | None:
    """The appeal in the reader's language (falling back to English), or None when the site has no details."""
    snapshot = _live_details()
    if snapshot is None:
        return None
    language = language or get_language() or settings.LANGUAGE_CODE
    return ReaderAppeal(
        organisation=snapshot["organisation"],
        headline=_in_language(snapshot["headline"], language),
        text=_in_language(snapshot["text"], language),
        methods=[_reader_method(method, language) for method in snapshot["methods"]],
        text_language=_language_of(snapshot["text"], language),
        headline_language=_language_of(snapshot["headline"], language),
    )


def appeal_for(request) -> ReaderAppeal | None:
    """``reader_appeal()`` read once per request: the header's Donate link and the appeal
    under the story share it."""
    if request is None:
        return reader_appeal()
    if not hasattr(request, "donation_appeal"):
        request.donation_appeal = reader_appeal()
    return request.donation_appeal


def donate_url() -> str:
    """The donate page's address in the active edition, or "" where it is not routed (a test's URLconf)."""
    try:
        return reverse("donations:donate")
    except NoReverseMatch:
        return ""


def vipps_qr_payload(vipps_number: str) -> str:
    template = getattr(settings, "DONATIONS_VIPPS_QR_URL", DEFAULT_VIPPS_QR_URL)
    return template.format(number=numbers.compact_vipps_number(vipps_number))


def vipps_qr_code(vipps_number: str) -> segno.QRCode:
    return segno.make(vipps_qr_payload(vipps_number), error="m", micro=False)  # as _qr_svg draws it


def vipps_qr_svg(vipps_number: str) -> str:
    """Inline SVG (no XML declaration, no inline style) that scales with CSS."""
    return _qr_svg(vipps_qr_payload(vipps_number), f"Vipps {numbers.format_vipps_number(vipps_number)}")


# Drawing the code took 3.4 ms of the donate page's 10 (segno tries eight masks), for the same few
# numbers every time. It is a function of what it draws alone, so a changed number or link can
# only ever meet its own picture: nothing here can go stale, unlike a copy of the details would.
@lru_cache(maxsize=16)
def _qr_svg(payload: str, title: str) -> str:
    return segno.make(payload, error="m", micro=False).svg_inline(
        scale=1, border=4, omitsize=True, svgclass="donation-qr", lineclass="donation-qr-modules", title=title,
    )

"""Things a treasurer should be told about the donation details before readers notice them."""

from donations import numbers
from donations.models import SENSITIVE_FIELDS, DonationDetails, MethodKind, ProposalAction
from donations.validators import norwegian_account_in_iban

MISSING_LANGUAGES = {"ps": "Pashto", "fa_af": "Dari"}


def numbers_once_approved(details: DonationDetails) -> list[dict]:
    """Each method's numbers as readers will see them once the changes waiting now are approved."""
    methods = []
    for method in details.methods.prefetch_related("proposals"):
        pending = [change for change in method.proposals.all() if change.is_pending]
        if pending and pending[0].action == ProposalAction.DELETE_METHOD:
            continue  # gone once approved
        methods.append(pending[0].proposed_values if pending else {name: getattr(method, name) for name in SENSITIVE_FIELDS})
    return methods


def account_and_iban_disagree(details: DonationDetails | None) -> str:
    """A warning when the Norwegian account number and a Norwegian IBAN name different accounts."""
    if details is None:
        return ""
    methods = numbers_once_approved(details)
    accounts = {m["account_number"] for m in methods if m.get("kind") == MethodKind.BANK_ACCOUNT and m.get("account_number")}
    for method in methods:
        inside = norwegian_account_in_iban(method.get("iban") or "") if method.get("kind") == MethodKind.IBAN else ""
        if inside and accounts and inside not in accounts:
            account = ", ".join(numbers.format_account_number(a) for a in sorted(accounts))
            return (
                f"The IBAN {numbers.format_iban(method['iban'])} holds the account number "
                f"{numbers.format_account_number(inside)}, but the Norwegian account number is {account}. Readers in "
                "Norway and abroad would pay different accounts: change both together, or check with the bank."
            )
    return ""


def missing_appeal_warning(language: str) -> str:
    """What the treasurer is told while ``language``'s appeal is empty, in the desk and on the form.
    Those readers see the site's own general words in their language (donations/includes/appeal.html)."""
    return (f"The appeal has no {language} headline and text yet: {language} readers see only the site's general "
            f"words (\"Support independent journalism\") in {language}, not your appeal.")


def missing_appeal_languages(details: DonationDetails | None) -> list[str]:
    if details is None:
        return []
    return [
        language for code, language in MISSING_LANGUAGES.items()
        if not (getattr(details, f"appeal_text_{code}") or "").strip()
        or not (getattr(details, f"appeal_headline_{code}") or "").strip()
    ]

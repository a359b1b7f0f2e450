"""Human names for the fields the audit trail and proposals store by their code names, for the
admin's tables and the treasurer's desk alike."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from donations.models import DonationDetails, PaymentMethod

# New admin texts are plain English: the admin is English-only (editions.middleware.AdminLanguageMiddleware).
TRANSLATED = {"_en": "English", "_ps": "Pashto", "_fa_af": "Dari"}


def field_label(name: str) -> str:
    """What the form calls a field the audit trail stores by its code name: ``vipps_number`` is "Vipps number"."""
    for suffix, language in TRANSLATED.items():
        if name.endswith(suffix):
            return f"{field_label(name.removesuffix(suffix))} ({language})"
    for model in (PaymentMethod, DonationDetails):
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return capfirst(name.replace("_", " "))

"""Texts per edition (django-modeltranslation adds *_en, *_ps, *_fa_af)."""

from modeltranslation.translator import TranslationOptions, register

from donations.models import DonationDetails, PaymentMethod


@register(DonationDetails)
class DonationDetailsTranslationOptions(TranslationOptions):
    fields = ("appeal_headline", "appeal_text")


@register(PaymentMethod)
class PaymentMethodTranslationOptions(TranslationOptions):
    fields = ("label",)

"""Fields with a text per edition (django-modeltranslation adds name_en, name_ps, name_fa_af, ...)."""

from modeltranslation.translator import TranslationOptions, register

from articles.models import Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "description")

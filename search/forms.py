from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Language
from search.query import ParsedQuery, parse


class SearchForm(forms.Form):
    # No max_length: a pasted essay is cut to size by search.query.parse, not refused.
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    # Chosen by slug among ``sections`` (the navigation's list, kept per content version), so
    # neither the menu nor checking the choice asks the database.
    section = forms.ChoiceField(label=_("Section"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *Language.choices], required=False
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self._sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", _("All sections")), *((s.slug, str(s)) for s in sections)]

    def clean_section(self):
        """The chosen Section, or None for all."""
        return self._sections.get(self.cleaned_data["section"])

    def parsed_query(self) -> ParsedQuery:
        return parse(self.cleaned_data.get("q", ""))

    def filters_key(self) -> str:
        """What the rendered section and language menus depend on besides the sections themselves
        and the reader's language, so they can be kept as one fragment (rendering two selects
        through Django's form templates was a tenth of a search page's time)."""
        return f"{self._choice_key('section')}|{self._choice_key('language')}"

    def _choice_key(self, name) -> str:
        """The chosen value, none, or one that is not a choice (any such renders alike, with its
        error), so there is no key per made-up value."""
        raw = self[name].value()
        if raw in (None, ""):
            return ""
        return "!" if name in self.errors else f"={raw}"

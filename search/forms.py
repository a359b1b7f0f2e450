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

    def section_filter_key(self) -> str:
        """What the rendered section menu depends on besides the sections themselves: the chosen
        section, none, or one that does not exist (any such renders alike, with its error), so
        the menu can be kept as a fragment without a key per made-up value."""
        raw = self["section"].value()
        if raw in (None, ""):
            return ""
        return "!" if "section" in self.errors else f"={raw}"

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Language, Section
from search.query import ParsedQuery, parse


class SearchForm(forms.Form):
    # No max_length: a pasted essay is cut to size by search.query.parse, not refused.
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), to_field_name="slug", required=False,
        empty_label=_("All sections"),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *Language.choices], required=False
    )

    def parsed_query(self) -> ParsedQuery:
        return parse(self.cleaned_data.get("q", ""))

    def section_filter_key(self) -> str:
        """What the rendered section menu depends on besides the sections themselves: the chosen
        section, none, or one that does not exist (any such renders alike, with its error), so
        the menu can be kept as a fragment without a key per made-up value."""
        raw = self["section"].value()
        if raw in (None, ""):
            return ""
        chosen = self.cleaned_data.get("section") if hasattr(self, "cleaned_data") else None
        return f"={chosen.slug}" if chosen is not None and "section" not in self.errors else "!"

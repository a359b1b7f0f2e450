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

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Language, Section
from search.query import ParsedQuery, parse


class SearchForm(forms.Form):
    # No max_length: a pasted essay is cut to size by search.query.parse, not refused.
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    section = forms.ChoiceField(label=_("Section"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *Language.choices], required=False
    )

    def __init__(self, data, *, sections: list[Section]):
        # The sections the page's navigation already read: the menu costs no query of its own.
        super().__init__(data)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", _("All sections")), *((s.slug, s.name) for s in sections)]

    def clean_section(self) -> Section | None:
        return self.sections.get(self.cleaned_data["section"])

    def parsed_query(self) -> ParsedQuery:
        return parse(self.cleaned_data.get("q", ""))

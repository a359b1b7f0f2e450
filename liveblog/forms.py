import datetime

from django import forms
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.forms import BODY_EDITOR_CONFIG
from articles.models import Author
from liveblog.models import Entry
from photos.images import PhotoField

# The article body's editor, without its library-photo and embed blocks (an entry has its own
# photo and embed fields). The same "configurable" build as the body's: the panel sits on the
# article form, which loads that build only.
ENTRY_EDITOR_CONFIG = {
    **BODY_EDITOR_CONFIG,
    "extensions": {name: on for name, on in BODY_EDITOR_CONFIG["extensions"].items() if not name.startswith("Newsroom")},
}

# A clock that runs a little fast must not refuse "now".
FUTURE_SLACK_SECONDS = 120


class LocalDateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">``, read in the admin's time zone (Oslo), as the schedule field."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EntryForm(forms.ModelForm):
    """An entry: the body's editor and allowlist are the article body's (articles.forms, articles.sanitize)."""

    embed_url = forms.URLField(
        label="Embed link", required=False, max_length=500, assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField", "placeholder": "https://"}),
        help_text=Entry._meta.get_field("embed_url").help_text,
    )

    class Meta:
        model = Entry
        fields = ["body", "posted_at", "is_key_event", "author", "photo", "photo_alt", "embed_url"]
        field_classes = {"photo": PhotoField}
        widgets = {
            "body": AdminProseEditorWidget(config=ENTRY_EDITOR_CONFIG, preset="configurable"),
            "posted_at": LocalDateTimeInput(),
            "photo_alt": forms.TextInput(attrs={"dir": "auto", "class": "vTextField"}),
        }
        labels = {"posted_at": "Time (Oslo)"}

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = Author.objects.order_by("name")
        self.fields["author"].required = False
        self.fields["body"].required = False  # clean_body says it, for the editor's empty paragraph too
        if adding:
            del self.fields["posted_at"]  # now, when saved

    def clean_body(self):
        from articles.sanitize import clean_body_html

        body = clean_body_html(self.cleaned_data.get("body", ""))
        if not body:
            raise forms.ValidationError("Write the entry's text.")
        return body

    def clean_posted_at(self):
        moment = self.cleaned_data["posted_at"]
        if moment and moment > timezone.now() + datetime.timedelta(seconds=FUTURE_SLACK_SECONDS):
            raise forms.ValidationError("An entry's time cannot be in the future: add it when it happens.")
        return moment

    def clean_embed_url(self):
        url = self.cleaned_data.get("embed_url", "")
        if url and not url.lower().startswith("https://"):
            raise forms.ValidationError("Give an https:// address.")
        return url

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("photo_alt", "").strip():
            self.add_error("photo_alt", "Say what the photo shows, for readers who cannot see it.")
        return data


class StartForm(forms.Form):
    coverage_end = forms.DateTimeField(
        required=False, widget=LocalDateTimeInput(), label="Coverage planned to end (Oslo time)",
        help_text="Optional: a day from now if empty. Search engines show the story as live until then.",
    )

    def clean_coverage_end(self):
        moment = self.cleaned_data.get("coverage_end")
        if moment and moment <= timezone.now():
            raise forms.ValidationError("Pick a time still to come.")
        return moment

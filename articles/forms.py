from django import forms
from django.urls import reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.images import PhotoField, clean_photo
from articles.models import RTL_LANGUAGES, Article, Author

BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Underline": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "History": True,
        "HTML": True,
        "Typographic": True,
    }
}


class TagAutocompleteWidget(forms.SelectMultiple):
    """Select2 (shipped with the admin) in tagging mode: pick existing tags as
    you type, or type a new one. Without JavaScript it is a plain list box."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "class": "admin-autocomplete",
                "data-ajax--url": reverse_lazy("admin:articles_tag_names"),
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-tags": "true",
                "data-token-separators": '[","]',
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "false",
                "data-placeholder": "Type a tag",
                "data-app-label": "articles",
                "data-model-name": "article",
                "data-field-name": "tags",
                "lang": "en",
                "style": "width: 40em",
                **(attrs or {}),
            }
        )

    def optgroups(self, name, value, attrs=None):
        self.choices = [(tag, tag) for tag in value if tag]
        return super().optgroups(name, value, attrs)

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return parse_tags(value)
        return [getattr(item, "name", item) for item in value]

    @property
    def media(self):
        from django.contrib.admin.widgets import AutocompleteSelectMultiple

        return AutocompleteSelectMultiple(None, None).media


class TagNamesField(forms.Field):
    widget = TagAutocompleteWidget

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            return parse_tags(value)
        names = []
        for item in value:
            names.extend(parse_tags(item) if "," in item else [item.strip()])
        return [name[:100] for name in dict.fromkeys(names) if name]

    def prepare_value(self, value):
        if value and not isinstance(value, str):
            return [getattr(tag, "name", tag) for tag in value]
        return value


class ArticleAdminForm(forms.ModelForm):
    """The article's words and placement. Its state (status, publication time) is not a field:
    it changes only through the publishing actions in ``services``, so a forged POST has nothing to set."""

    tags = TagNamesField(required=False, help_text="Countries, organisations and topics. Pick one or type a new one.")

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "section", "tags", "language", "translation_of",
            "hero_image", "hero_alt", "hero_caption", "hero_credit",
        ]
        field_classes = {"hero_image": PhotoField}  # clean_photo's specific refusals (issue 9)
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR_CONFIG),
            "title": forms.TextInput(attrs={"dir": "auto", "class": "vTextField newsroom-headline"}),
            "standfirst": forms.Textarea(attrs={"dir": "auto", "rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]
        direction = "rtl" if self.instance.language in RTL_LANGUAGES else "auto"
        for name in ("title", "standfirst", "hero_alt", "hero_caption"):
            if name in self.fields:
                self.fields[name].widget.attrs["dir"] = direction

    def clean_hero_image(self):
        image = self.cleaned_data.get("hero_image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return clean_photo(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hero_image") and not (cleaned.get("hero_alt") or "").strip():
            self.add_error("hero_alt", "Describe the photo for readers who cannot see it.")
        return cleaned


class AuthorAdminForm(forms.ModelForm):
    """Author photos get the same checks and metadata stripping as hero images."""

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "user"]
        field_classes = {"photo": PhotoField}


class TagNameSearch:
    """Tag names matching a term, for the autocomplete above."""

    page_size = 20

    @classmethod
    def results(cls, term: str, page: int):
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        start = (page - 1) * cls.page_size
        names = list(tags.values_list("name", flat=True)[start : start + cls.page_size + 1])
        return names[: cls.page_size], len(names) > cls.page_size

import json

from django import forms
from django.db.models import Case, Q, Value, When
from django.urls import reverse, reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.models import RTL_LANGUAGES, Article, Author
from articles.times import oslo_and_kabul
from photos.body import photo_ids
from photos.images import PhotoField, clean_photo
from photos.models import Photo

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
        "HardBreak": True,
        "Subscript": True,
        "Superscript": True,
        # <figure data-photo="id"></figure>: a photo of the library (articles/static/articles/body-figures.js).
        "NewsroomPhoto": True,
        # <figure data-embed="link"></figure>: a YouTube or Vimeo video or a post on X (photos/embeds.py).
        "NewsroomEmbed": True,
    }
}


class BodyEditorWidget(AdminProseEditorWidget):
    """The body editor, built from BODY_EDITOR_CONFIG with our own blocks, and the addresses its
    "Insert photo" dialog asks (articles/static/articles/insert-photo.js, photos/admin.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, config=BODY_EDITOR_CONFIG, preset="configurable", **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update({
            "data-photo-library-url": reverse("admin:photos_photo_library"),
            "data-photo-upload-url": reverse("admin:photos_photo_upload"),
            "data-photo-preview-url": reverse("admin:photos_photo_preview", args=[0]),
            # What the editor writes under each photo already in the body (the dialog adds the ones
            # it inserts), so the writer sees the caption readers will see, not just a number.
            "data-photo-captions": json.dumps({
                str(photo.pk): photo.label for photo in Photo.objects.filter(pk__in=photo_ids(value or ""))
            }, ensure_ascii=False),
        })
        return context


class TagAutocompleteWidget(forms.SelectMultiple):
    """Select2 (shipped with the admin): pick existing tags as you type; editors may
    also create one (articles/static/articles/tag-autocomplete.js). Without
    JavaScript it is a plain list box."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "class": "newsroom-tags",
                "data-ajax--url": reverse_lazy("admin:articles_tag_names"),
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-can-create": "false",
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "false",
                "data-placeholder": "Type to find a tag",
                # No lang="en": Select2 would put its English messages before the script's own.
                "style": "width: 100%; max-width: 40em",
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

        return AutocompleteSelectMultiple(None, None).media + forms.Media(
            js=["admin/js/jquery.init.js", "articles/tag-autocomplete.js"]  # after django.jQuery exists
        )


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

    tags = TagNamesField(required=False, help_text="Countries, organisations and topics: type a few letters and pick one.")
    can_create_tags = False  # set per request by the admin: only editors add new tags
    # The article as this form was opened: a save over someone else's newer save is stopped once.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # The pending version (articles.models.PendingChange) whose text the form was opened with, if any.
    loaded_pending = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "section", "tags", "language", "translation_of", "assignee",
            "hero_image", "hero_alt", "hero_caption", "hero_credit", "hero_focal_x", "hero_focal_y",
        ]
        field_classes = {"hero_image": PhotoField}  # clean_photo's specific refusals (issue 9)
        labels = {"assignee": "Assigned to"}
        widgets = {
            "body": BodyEditorWidget(),
            "title": forms.TextInput(attrs={"dir": "auto", "class": "vTextField newsroom-headline"}),
            "standfirst": forms.Textarea(attrs={"dir": "auto", "rows": 3}),
            # Set by clicking the photo (articles/static/articles/focal-point.js); typed without script.
            "hero_focal_x": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
            "hero_focal_y": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
        }

    class Media:
        js = ["articles/focal-point.js", "articles/insert-photo.js"]
        css = {"all": ["articles/focal-point.css", "articles/insert-photo.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]
            self.initial["loaded_version"] = self.current_version
        # A live story with pending changes opens with the pending text: the work goes on from there
        # (the admin reads the pending version onto the article, ArticleAdmin.get_object).
        pending = getattr(self.instance, "open_pending_change", None)
        if pending is not None:
            self.initial.update({name: value for name, value in pending.fields.items() if name in self.fields})
            self.initial["loaded_pending"] = pending.pk
        if self.can_create_tags and "tags" in self.fields:
            self.fields["tags"].widget.attrs.update({"data-can-create": "true", "data-placeholder": "Type a tag"})
            self.fields["tags"].help_text += " To add a new one, type it and pick “Create new tag”."
        elif "tags" in self.fields:
            self.fields["tags"].help_text += " Only editors add new tags: name one in the internal notes for them."
        for name in ("hero_focal_x", "hero_focal_y"):
            if name in self.fields:
                self.fields[name].required = False  # left out or emptied: the point stays where it was
        direction = "rtl" if self.instance.language in RTL_LANGUAGES else "auto"
        for name in ("title", "standfirst", "hero_alt", "hero_caption"):
            if name in self.fields:
                self.fields[name].widget.attrs["dir"] = direction

    def clean_tags(self):
        """Existing tags keep their spelling ("afghanistan" is "Afghanistan"); only editors add new ones."""
        names = self.cleaned_data.get("tags") or []
        if not names:
            return []
        same_name = Q()
        for name in names:
            same_name |= Q(name__iexact=name)
        existing = {tag.casefold(): tag for tag in Tag.objects.filter(same_name).values_list("name", flat=True)}
        new = [name for name in names if name.casefold() not in existing]
        if new and not self.can_create_tags:
            raise forms.ValidationError(
                "There is no tag %(names)s. Pick an existing tag from the list; only editors add new tags.",
                code="new_tag", params={"names": ", ".join(f"“{name}”" for name in new)},
            )
        return list(dict.fromkeys(existing.get(name.casefold(), name) for name in names))

    def clean_hero_image(self):
        image = self.cleaned_data.get("hero_image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            return clean_photo(image)
        return image

    def clean_hero_focal_x(self):
        value = self.cleaned_data.get("hero_focal_x")
        return self.instance.hero_focal_x if value is None else value

    def clean_hero_focal_y(self):
        value = self.cleaned_data.get("hero_focal_y")
        return self.instance.hero_focal_y if value is None else value

    @property
    def current_version(self) -> str:
        return self.instance.updated_at.isoformat() if self.instance.pk and self.instance.updated_at else ""

    def check_version(self):
        """A non-field error (shown at the top of the form) when someone saved since this form was opened."""
        loaded = self.cleaned_data.get("loaded_version")
        if loaded and self.instance.pk and loaded != self.current_version:
            # Show the newer version's marker from now on: saving again overwrites, knowingly.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.current_version
            by = self.instance.updated_by
            who = (by.get_full_name() or by.get_username()) if by else "Someone"
            self.add_error(None, forms.ValidationError(
                "%(who)s saved this article at %(when)s, after you opened it. Your text is below and not saved yet: "
                "compare with theirs in History, then save again to keep yours.",
                code="newer_version",
                params={"who": who, "when": oslo_and_kabul(self.instance.updated_at)},
            ))

    def clean(self):
        cleaned = super().clean()
        self.check_version()
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
            # Names that start with the term first: Enter picks the first, "Afgh" is "Afghanistan".
            starts = Case(When(name__istartswith=term, then=Value(0)), default=Value(1))
            tags = tags.filter(name__icontains=term).order_by(starts, "name")
        start = (page - 1) * cls.page_size
        names = list(tags.values_list("name", flat=True)[start : start + cls.page_size + 1])
        return names[: cls.page_size], len(names) > cls.page_size

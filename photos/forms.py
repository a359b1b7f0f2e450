from django import forms

from photos.images import PhotoField
from photos.models import Photo

FOCAL_WIDGETS = {
    # Set by clicking the photo (articles/static/articles/focal-point.js); typed without script.
    "focal_x": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
    "focal_y": forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"}),
}


class PhotoForm(forms.ModelForm):
    """A library photo: the upload passes the hero images' checks and loses its metadata."""

    class Meta:
        model = Photo
        fields = ["image", "alt", "caption", "credit", "language", "focal_x", "focal_y"]
        field_classes = {"image": PhotoField}
        widgets = {
            **FOCAL_WIDGETS,
            "alt": forms.TextInput(attrs={"dir": "auto", "class": "vTextField"}),
            "caption": forms.TextInput(attrs={"dir": "auto", "class": "vTextField"}),
            "credit": forms.TextInput(attrs={"dir": "auto"}),
        }

    class Media:
        js = ["articles/focal-point.js"]
        css = {"all": ["articles/focal-point.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focal_x", "focal_y"):
            if name in self.fields:  # not on a read-only view
                self.fields[name].required = False

    def clean_focal_x(self):
        value = self.cleaned_data.get("focal_x")
        return self.instance.focal_x if value is None else value

    def clean_focal_y(self):
        value = self.cleaned_data.get("focal_y")
        return self.instance.focal_y if value is None else value

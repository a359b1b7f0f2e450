from django import forms
from django.utils.translation import gettext_lazy as _

from newsletters.models import Newsletter


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    newsletters = NewsletterChoiceField(
        label=_("Newsletters"), queryset=Newsletter.objects.filter(is_active=True),
        error_messages={"required": _("Choose at least one newsletter.")},
    )
    # Left empty by people, filled in by naive bots; a filled one is answered as a success and dropped.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.Form):
    newsletters = NewsletterChoiceField(
        label=_("Send me"), queryset=Newsletter.objects.none(), required=False,
        help_text=_("Untick them all to leave every newsletter."),
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        current = subscriber.subscriptions.filter(unsubscribed_at__isnull=True).values_list("newsletter_id", flat=True)
        from django.db.models import Q

        self.fields["newsletters"].queryset = Newsletter.objects.filter(Q(is_active=True) | Q(pk__in=list(current)))
        if not self.is_bound:
            self.initial["newsletters"] = list(current)

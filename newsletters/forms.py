from django import forms
from django.utils.translation import gettext_lazy as _

from newsletters.models import Newsletter


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


# Every message a reader can bring up on the sign-up form is our own string: Django ships no Pashto,
# so its built-in messages would reach Pashto readers in English. The "too long" message's numbers
# are turned into the edition's digits where the form is drawn (signup_form.html).
EMAIL_ERRORS = {
    "required": _("Enter your email address."),
    "invalid": _("Enter a valid email address, like name@example.com."),
    "max_length": _("An email address has at most %(limit_value)d characters; this one has %(show_value)d."),
}
# A newsletter closed while the form was open, or a value no checkbox sends: either way the
# reader can only choose again from the list the page now shows.
NEWSLETTER_ERRORS = {
    "required": _("Choose at least one newsletter."),
    "invalid_choice": _("Choose from the newsletters listed here."),
    "invalid_pk_value": _("Choose from the newsletters listed here."),
}


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254, error_messages=EMAIL_ERRORS)
    newsletters = NewsletterChoiceField(
        label=_("Newsletters"), queryset=Newsletter.objects.filter(is_active=True),
        error_messages=NEWSLETTER_ERRORS,
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

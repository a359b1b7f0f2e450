from django import forms

SIGN_IN_HELP = "The 6-digit code from your authenticator app, or one of your backup codes."
ENROL_HELP = "The 6-digit code your authenticator app shows now."
EMAIL_HELP = "The 6-digit code in the e-mail we just sent you."


class TokenForm(forms.Form):
    """A one-time code; ``help_text`` says which (signing in, enrolling an app, confirming the e-mail)."""

    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text=SIGN_IN_HELP,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 12}
        ),
    )

    def __init__(self, *args, help_text: str = SIGN_IN_HELP, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = help_text

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isalnum():
            raise forms.ValidationError("Enter the code as digits (and letters, for a backup code) only.")
        return token.lower()

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst

from donations import numbers
from donations.models import PaymentMethod
from donations.validators import validate_payment_link


class CompactNumberField(forms.CharField):
    """Accepts a number as people type it (spaces, dots, '#') and hands the model the compact form,
    so the length limit and the check-digit validators see the real digits."""

    compact = staticmethod(lambda value: value)
    grouped = staticmethod(lambda value: value)

    def to_python(self, value):
        return self.compact(super().to_python(value))

    def prepare_value(self, value):
        # Show stored numbers grouped, as on the bank's letter, so they are easy to compare.
        return self.grouped(value) if isinstance(value, str) and value else value

    def has_changed(self, initial, data):
        return self.compact(initial or "") != self.to_python(data)


class AccountNumberField(CompactNumberField):
    compact = staticmethod(numbers.compact_account_number)
    grouped = staticmethod(numbers.format_account_number)


class IbanField(CompactNumberField):
    compact = staticmethod(numbers.compact_iban)
    grouped = staticmethod(numbers.format_iban)


class BicField(CompactNumberField):
    compact = staticmethod(numbers.compact_bic)


class VippsNumberField(CompactNumberField):
    compact = staticmethod(numbers.compact_vipps_number)


class PaymentMethodForm(forms.ModelForm):
    url = forms.URLField(
        label=capfirst(PaymentMethod._meta.get_field("url").verbose_name),
        help_text=PaymentMethod._meta.get_field("url").help_text,
        required=False,
        assume_scheme="https",
        validators=[validate_payment_link],
    )

    class Meta:
        model = PaymentMethod
        fields = ["position", "kind", "label", "bank_name", "account_number", "iban", "bic", "vipps_number", "url"]
        field_classes = {
            "account_number": AccountNumberField,
            "iban": IbanField,
            "bic": BicField,
            "vipps_number": VippsNumberField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("account_number", "iban", "bic", "vipps_number"):
            if name in self.fields:
                field = self.fields[name]
                # Typed numbers may be longer than the stored, compact ones; and the field's own
                # validator explains a wrong length ("looks like a phone number"), where a bare
                # length limit would say only "at most 6 characters" and hide that explanation.
                field.max_length = None
                field.widget.attrs.pop("maxlength", None)
                field.validators = [
                    validator for validator in PaymentMethod._meta.get_field(name).validators
                    if not isinstance(validator, MaxLengthValidator)
                ]
                field.widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "dir": "ltr"})

"""``{% load newsletters %}{% newsletter_signup %}``: the sign-up form, for any reader page.

It carries no CSRF token, so pages that show it stay in the page cache (see newsletters/views.py).
The current edition's newsletters are ticked.
"""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from newsletters.forms import SignupForm

register = template.Library()


@register.inclusion_tag("newsletters/includes/signup_form.html")
def newsletter_signup(form=None):
    return {"form": form or SignupForm(language=get_language()), "action": reverse("newsletters:signup")}

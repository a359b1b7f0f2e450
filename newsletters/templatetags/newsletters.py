"""``{% load newsletters %}{% newsletter_signup %}``: the sign-up form, for any reader page.

It carries no CSRF token, so pages that show it stay in the page cache (see newsletters/views.py),
and costs one query (the open newsletters). The current edition's newsletters are ticked.
"""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from newsletters.models import Newsletter

register = template.Library()


@register.inclusion_tag("newsletters/includes/signup_form.html")
def newsletter_signup(form=None, chosen=None):
    """``form``: a bound SignupForm to show again with its errors (the sign-up page passes it);
    ``chosen``: a newsletter to tick instead of the edition's (a newsletter's own page)."""
    newsletters = list(Newsletter.objects.filter(is_active=True))
    if form is not None and form.is_bound:
        ticked = {str(value) for value in form.data.getlist("newsletters")}
        email = form.data.get("email", "")
    else:
        language = get_language()
        ticked = {str(chosen.pk)} if chosen else {str(n.pk) for n in newsletters if n.language == language}
        email = ""
    return {
        "form": form,
        "email": email,
        "choices": [(n, str(n.pk) in ticked) for n in newsletters],
        "action": reverse("newsletters:signup"),
    }

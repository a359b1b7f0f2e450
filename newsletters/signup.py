"""The sign-up form for any reader page: ``{% set signup = newsletter_signup() %}`` then
``{% include "newsletters/includes/signup_form.html" %}`` in a Jinja2 template.

It carries no CSRF token, so pages that show it stay in the page cache (see newsletters/views.py),
and costs one query (the open newsletters). The current edition's newsletters are ticked.
"""

from django.urls import reverse
from django.utils.translation import get_language

from newsletters.models import Newsletter


def signup_form(form=None, chosen=None, *, every_edition=False) -> dict:
    """``form``: a bound SignupForm to show again with its errors (the sign-up page passes it);
    ``chosen``: a newsletter to tick instead of the edition's (a newsletter's own page).
    Under a story or on the home page the form offers the edition's own newsletters (a Pashto
    page speaks Pashto only); the newsletters page, ``every_edition``, offers all of them."""
    newsletters = Newsletter.objects.filter(is_active=True)
    if not every_edition and form is None and chosen is None:
        newsletters = newsletters.filter(language=get_language())
    newsletters = list(newsletters)
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

"""Honest read counts without tracking: a beacon the page cache never answers, counted per
article, edition and hour; the home page's "Most read" and the editors' top stories.

What is kept, and for how long: docs/privacy.md."""

from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = "Reader counts"

"""Where an article lives: one canonical address, in its own language's edition.

Reader URLs carry a language prefix (/en/, /ps/, /fa-af/), and every edition can
show every article; feeds, sitemaps and canonical tags all name the edition of
the article's own language, so search engines see one address per story.
"""

from django.utils import translation


def article_path(article) -> str:
    with translation.override(article.language):
        return article.get_absolute_url()

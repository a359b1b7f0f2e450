from django import template

from articles.models import Article
from editions import matrix, services
from editions.links import original_of
from editions.models import TranslationStatus

register = template.Library()


@register.inclusion_tag("admin/editions/article_editions_panel.html", takes_context=True)
def article_editions_panel(context, article):
    """The article's versions in every edition, with "Translate into ..." for the missing ones."""
    original = original_of(article)
    request = context["request"]
    # Another writer's draft translation is not this writer's to see (Article.objects.readable_by).
    row = matrix.rows_for([original], readable=Article.objects.readable_by(request.user))[0]
    names = dict(matrix.EDITIONS)
    for cell in row.cells:
        cell.name = names[cell.language]
    return {
        "article": article,
        "original": original,
        "cells": row.cells,
        "status": TranslationStatus.objects.filter(translation=article).first() if article.translation_of_id else None,
        "can_translate": services.can_translate(request.user),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }

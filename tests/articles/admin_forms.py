"""Building admin POST data the way the browser sends it."""

from articles.models import Article


def article_form_data(article: Article | None = None, **overrides):
    data = {
        "title": article.title if article else "A new story",
        "slug": article.slug if article else "",
        "standfirst": article.standfirst if article else "The summary.",
        "body": article.body if article else "<p>The body.</p>",
        "section": article.section_id if article else "",
        "language": article.language if article else "en",
        "translation_of": "",
        "status": article.status if article else "draft",
        "published_at_0": "",
        "published_at_1": "",
        "hero_alt": "",
        "hero_caption": "",
        "hero_credit": "",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "0",
        "article_authors-MAX_NUM_FORMS": "1000",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        "notes-TOTAL_FORMS": "0",
        "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
        "assignee": "",
    }
    if article and article.published_at:
        data["published_at_0"] = article.published_at.strftime("%Y-%m-%d")
        data["published_at_1"] = article.published_at.strftime("%H:%M:%S")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}

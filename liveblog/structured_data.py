"""A live blog's article is a schema.org ``LiveBlogPosting`` (a kind of NewsArticle's parent,
BlogPosting): its coverage times and each entry as a ``liveBlogUpdate``. Hooked into
``syndication.structured_data.news_article`` (``article_schema_hooks``) by LiveBlogConfig.ready()."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

from liveblog.selectors import blog_of, shown_entries

HEADLINE_CHARACTERS = 110  # what search engines show of a headline


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html).split())


def live_blog_posting(article, data: dict, *, url: str, absolute) -> dict:
    blog = blog_of(article)
    if blog is None:
        return data
    updates = []
    for entry in shown_entries(blog):
        text = plain_text(entry.body)
        update = {
            "@type": "BlogPosting",
            "headline": Truncator(text).chars(HEADLINE_CHARACTERS) or article.title[:HEADLINE_CHARACTERS],
            "articleBody": text,
            "datePublished": entry.posted_at,
            "dateModified": max(entry.updated_at, entry.posted_at),
            "url": f"{url}#{entry.anchor}",
        }
        if entry.author:
            update["author"] = {"@type": "Person", "name": entry.author.name, "url": absolute(entry.author.get_absolute_url())}
        if entry.photo:
            update["image"] = {"@type": "ImageObject", "url": absolute(entry.photo.url),
                               **({"width": entry.photo_width, "height": entry.photo_height} if entry.photo_width else {})}
        updates.append(update)
    updates.sort(key=lambda update: update["datePublished"], reverse=True)
    data = {**data, "@type": "LiveBlogPosting", "coverageStartTime": blog.coverage_start, "liveBlogUpdate": updates}
    if blog.coverage_end:
        data["coverageEndTime"] = blog.coverage_end
    if updates:
        data["dateModified"] = max(data["dateModified"], *(update["dateModified"] for update in updates))
    return data

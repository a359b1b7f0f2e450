"""Story cards, the unit of every list on the reader website.

A list page asks the database *which* stories to show (ids, from ``published()``)
and takes each story's card from the fragment cache (pagecache/fragments.py): only
cards not rendered yet under the current content version cost anything, one query
for all of them plus one for their hero renditions, however many there are.
"""

from dataclasses import astuple, dataclass, fields
from functools import cached_property

from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models import Article
from pagecache.fragments import fragments

CARD_TEMPLATE = "articles/includes/story_card.html"
CARD_SIZES = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 8rem"


@dataclass(frozen=True)
class CardStyle:
    heading: str = "h2"
    image: bool = True
    standfirst: bool = True  # a card without its picture shows the standfirst anyway
    variant: str = ""  # an extra class: card--lead, card--compact
    sizes: str = CARD_SIZES  # for the image's srcset
    section_label: bool = True  # false on a section's own page
    eager: bool = False  # only the one image at the top of a page (the largest paint)

    @cached_property
    def key(self) -> tuple:
        return astuple(self)  # astuple deep-copies: once per style, not once per card


LIST = CardStyle()
LIST_IN_SECTION = CardStyle(section_label=False)
LEAD = CardStyle(heading="h3", variant="lead", sizes="(min-width: 76rem) 47rem, (min-width: 64rem) 62vw, 100vw",
                 eager=True)
SECONDARY = CardStyle(heading="h3", sizes="(min-width: 76rem) 23rem, (min-width: 40rem) 45vw, 8rem")
COMPACT = CardStyle(heading="h3", standfirst=False, variant="compact")
BLOCK = CardStyle(heading="h3", standfirst=False, section_label=False)
RELATED = CardStyle(heading="h3", standfirst=False)


def render_cards(request, wanted) -> list[str]:
    """HTML of each ``(article id, CardStyle)`` in ``wanted``, in order, one per entry.

    The ids must come from a ``published()`` query of this request; a story unpublished
    in between (which also changes the content version) gets an empty card.
    """
    wanted = list(wanted)
    language = get_language()
    parts = [(language, pk, *style.key) for pk, style in wanted]

    def render_missing(indexes):
        ids = {wanted[index][0] for index in indexes}
        articles = _card_rows(ids)
        template = get_template(CARD_TEMPLATE)
        return [_render(template, articles.get(wanted[index][0]), wanted[index][1]) for index in indexes]

    return [mark_safe(html) for html in fragments(request, "story-card", parts, render_missing)]  # noqa: S308


def cards(request, ids, style: CardStyle) -> list[str]:
    """One style of card for each id, leaving out any story unpublished since the ids were read."""
    return [card for card in render_cards(request, [(pk, style) for pk in ids]) if card]


def _card_rows(ids) -> dict[int, Article]:
    rows = (
        Article.objects.published()
        .filter(pk__in=ids)
        .select_related("section")
        .prefetch_related("hero_renditions")
        .defer("body")
    )
    return {article.pk: article for article in rows}


def _render(template, article, style: CardStyle) -> str:
    if article is None:
        return ""
    return template.render({"article": article, **{field.name: getattr(style, field.name) for field in fields(style)}})

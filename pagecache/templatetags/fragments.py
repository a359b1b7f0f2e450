"""``{% fragment "name" part part ... %}...{% endfragment %}``: a piece of a reader page kept per content version.

The parts must name everything the piece shows besides the content itself: the
language comes in by itself; pass the variant, the current section, and so on.
See pagecache/fragments.py for why such pieces are never stale.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache.fragments import fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        parts = [get_language(), *(part.resolve(context) for part in self.parts)]
        html = fragment(context.get("request"), self.name.resolve(context), parts, lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when it was rendered


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"card\" article.pk %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])

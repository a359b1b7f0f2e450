from django import template
from js_asset import Media

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """Render form media with the request's CSP nonce on every tag.

    The prose editor's import map is an inline ``<script type="importmap">``;
    without the nonce our Content-Security-Policy (no ``unsafe-inline``) would
    block it and the editor would not load. Django 5.2's admin renders
    ``{{ media }}`` without a nonce, hence the ``admin/change_form.html`` override.
    """
    if not media:
        return ""
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", None)
    return Media.from_media(media, nonce=str(nonce) if nonce is not None else "").render()

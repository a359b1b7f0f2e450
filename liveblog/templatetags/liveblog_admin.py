from django import template

from liveblog.admin_views import render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def live_blog_panel(context, article):
    """The live blog panel above the article form (liveblog/templates/admin/articles/article/change_form.html)."""
    return render_panel(context["request"], article)

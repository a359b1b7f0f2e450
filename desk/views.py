"""The article form's heartbeat and goodbye (desk/static/desk/editing.js)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.services import can_edit, can_stage
from desk.editing import editing_warning, note_editing, stop_editing


def _editable(request, pk) -> Article:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    # Only those who may change the story hold a session, as when the form opens (reading is not editing);
    # a writer proposing changes to their live story (can_stage) is editing it too.
    if not (can_edit(request.user, article) or can_stage(request.user, article)):
        raise PermissionDenied("You may not edit this article.")
    return article


@require_POST
def heartbeat(request, pk):
    """Still here: keep the session fresh; answer who else has the story open now."""
    article = _editable(request, pk)
    return JsonResponse({"editing": editing_warning(note_editing(article=article, user=request.user))})


@require_POST
def release(request, pk):
    """The tab closed (navigator.sendBeacon): the story is free at once."""
    stop_editing(article=_editable(request, pk), user=request.user)
    return HttpResponse(status=204)

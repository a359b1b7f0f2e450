"""What a reader page's chrome needs from its edition: the newsroom's name in it."""

from editions.names import newsroom_name


def edition(request):
    return {"NEWSROOM_NAME": newsroom_name()}

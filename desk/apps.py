from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editorial workbench's own records (who is editing what); depends on articles, never the reverse."""

    name = "desk"
    verbose_name = "Editorial desk"

    def ready(self):
        from articles.admin import article_form_hooks
        from desk.editing import EditingNotice

        article_form_hooks.append(EditingNotice())

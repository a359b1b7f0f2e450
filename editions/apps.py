from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "editions"
    verbose_name = _("Editions")

    def ready(self):
        from editions import signals  # noqa: F401  (connects the out-of-date receivers)

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"  # the admin is English

    def ready(self):
        from anymail.signals import tracking

        from newsletters.bounces import on_tracking

        tracking.connect(on_tracking, dispatch_uid="newsletters-suppress-bounces")

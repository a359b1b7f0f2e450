from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"  # the admin is English

    def ready(self):
        from anymail.signals import inbound, tracking

        from newsletters.bounces import on_tracking
        from newsletters.inbound import on_inbound

        tracking.connect(on_tracking, dispatch_uid="newsletters-suppress-bounces")
        inbound.connect(on_inbound, dispatch_uid="newsletters-unsubscribe-by-mail")

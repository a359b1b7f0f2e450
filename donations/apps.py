from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from donations.models import DonationDetails, PaymentMethod
        from pagecache.watch import watch

        # The live details change only when a second treasurer approves a change; proposals
        # and audit rows are not seen by readers.
        watch(DonationDetails)
        watch(PaymentMethod)

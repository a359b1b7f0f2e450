"""Drop the cached reader snapshot whenever donation details change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from donations.models import DonationDetails, PaymentMethod
from donations.selectors import forget_cached_details


@receiver(post_save, sender=DonationDetails)
@receiver(post_save, sender=PaymentMethod)
@receiver(post_delete, sender=DonationDetails)
@receiver(post_delete, sender=PaymentMethod)
def forget_details_on_change(sender, raw=False, **kwargs):
    if raw:
        return
    forget_cached_details()
    # Again after commit: a reader request between the save and the commit may
    # have cached the old rows.
    transaction.on_commit(forget_cached_details)

"""Donation details as the seed document prints them (DNB, IBAN, Vipps #557320)."""

from donations.models import DonationDetails, MethodKind, PaymentMethod

SEED_ACCOUNT_NUMBER = "05302294668"
SEED_IBAN = "NO1505302294668"
SEED_VIPPS_NUMBER = "557320"


def seed_details(*, live: bool = True) -> DonationDetails:
    details = DonationDetails.objects.create(
        is_live=True,  # the methods below wait for approval when live=False
        organisation="Dawat Media Center",
        appeal_headline_en="Support Dawat Media Center",
        appeal_text_en="If there were ever a time to join us, it is now.\n\nEvery contribution powers our journalism.",
        appeal_headline_ps="د دعوت رسنیز مرکز ملاتړ وکړئ",
        appeal_text_ps="ستاسو هره مرسته زموږ خپلواکه ژورنالیزم ساتي.",
        appeal_headline_fa_af="از مرکز رسانه‌ای دعوت حمایت کنید",
        appeal_text_fa_af="هر کمک شما ژورنالیسم مستقل ما را زنده نگه می‌دارد.",
    )
    PaymentMethod.objects.create(
        details=details, position=1, kind=MethodKind.BANK_ACCOUNT, bank_name="DNB",
        account_number=SEED_ACCOUNT_NUMBER, is_live=live,
    )
    PaymentMethod.objects.create(details=details, position=2, kind=MethodKind.IBAN, iban=SEED_IBAN, is_live=live)
    PaymentMethod.objects.create(
        details=details, position=3, kind=MethodKind.VIPPS, vipps_number=SEED_VIPPS_NUMBER, is_live=live
    )
    return details

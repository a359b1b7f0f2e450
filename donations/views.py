from django.shortcuts import render

from donations.selectors import reader_appeal


def donate(request):
    """The donate page: the appeal and every payment method, with a QR code for Vipps."""
    appeal = reader_appeal()
    return render(request, "donations/donate.html", {"appeal": appeal}, status=200 if appeal else 404)

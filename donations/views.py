from django.template.response import TemplateResponse

from donations.selectors import appeal_for


def donate(request):
    """The donate page: the appeal and every payment method, with a QR code for Vipps."""
    appeal = appeal_for(request)
    return TemplateResponse(request, "donations/donate.html", {"appeal": appeal}, status=200 if appeal else 404)

"""The site as production serves it, plus its uploads at MEDIA_URL (what the web server or
object storage does in production), for the page-weight check's gunicorn."""

from django.conf import settings
from whitenoise import WhiteNoise

from newsroom.wsgi import application as site

application = WhiteNoise(site)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)

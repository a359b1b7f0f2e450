"""Settings for the test suite: fast hashing, plain static files, and the same
database and cache choice as the environment (SQLite and local memory unless
DATABASE_URL and REDIS_URL say otherwise)."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from newsroom.settings import *  # noqa: E402,F403
from newsroom.settings import REDIS_URL  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ADMINS = [("Site admin", "admin@example.org")]
if REDIS_URL:
    # Each test run gets its own key space on the shared Redis.
    CACHES["default"]["KEY_PREFIX"] = f"newsroom-test-{os.getpid()}"  # noqa: F405
else:
    # Fast and private to the run; tests/pagecache starts real servers with the shared file cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
# Tests speak plain HTTP to the test client and the live server: no redirect to
# HTTPS and no upgrade of subresources. tests/security checks the production values.
SECURE_SSL_REDIRECT = False
CONTENT_SECURITY_POLICY["DIRECTIVES"].pop("upgrade-insecure-requests", None)  # noqa: F405
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# Login throttling would refuse client.login() (no request); tests/security/test_logins.py turns it on.
AXES_ENABLED = False
# The page cache hides response.context from a second identical request: off here,
# on in tests/performance (and for a whole run with PAGECACHE_ENABLED=1).
PAGECACHE_ENABLED = env.flag("PAGECACHE_ENABLED", default=False)  # noqa: F405
NEWSROOM_DOMAIN = "example.com"  # what tests of absolute links expect

# The bounce webhook tests use Postmark's (newsletters/bounces.py); a secret, so an unsigned
# request is refused as in production.
NEWSLETTER_MAIL_PROVIDER = "postmark"
ANYMAIL = {**ANYMAIL, "WEBHOOK_SECRET": "test:webhook-secret"}  # noqa: F405

"""Newsroom settings. Every value that differs between machines comes from the
environment, read through ``newsroom.env``; see README.md for the list."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django.conf.locale
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from js_asset import static_lazy

from newsroom import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env.flag("DJANGO_DEBUG")

if DEBUG:
    # Only a developer's machine runs with debug on; production must set its own.
    SECRET_KEY = env.text("DJANGO_SECRET_KEY") or "insecure-development-key-never-used-in-production"
else:
    SECRET_KEY = env.required(
        "DJANGO_SECRET_KEY",
        "production refuses to start without a secret key (set DJANGO_DEBUG=1 for development)",
    )

ALLOWED_HOSTS = env.listing("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
# The site's Tor onion address (abc...xyz.onion), served beside the normal domain: pages there
# are plain HTTP and link to themselves; the domain's pages name it in Onion-Location (docs/onion.md).
NEWSROOM_ONION_HOST = env.text("DJANGO_ONION_HOST").strip().lower()
if NEWSROOM_ONION_HOST and NEWSROOM_ONION_HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(NEWSROOM_ONION_HOST)
CSRF_TRUSTED_ORIGINS = env.listing("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must precede the admin
    "security",  # before the admin: its admin/change_form.html adds the CSP nonce to form media
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.redirects",  # merged tags' old addresses (articles/tags.py)
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "newsroom.apps.TagsConfig",  # django-taggit, named "Tags" in the admin
    "reversion",
    "reversion_compare",
    "django_prose_editor",
    "newsroom",
    "articles",
    "photos",  # the photo library: pictures inside a story's body
    "donations",
    "importer",
    "search",
    "syndication",
    "pagecache",
    "liveblog",  # before editions: its admin/articles/article/change_form.html extends editions' (adds its panel)
    "audience",  # before editions: its article form extends the editions app's (readers above the form)
    "editions",
    "operations",
    "desk",
    "newsletters",
    "lite",
    "django_tasks",
    "django_tasks_db",
    "anymail",
]

MIDDLEWARE = [
    # Onion-Location on the normal domain's pages when an onion address is configured (docs/onion.md).
    "security.onion.OnionLocationMiddleware",
    # gzip for what the page cache does not store compressed; never the admin, staff or forms (BREACH).
    "newsroom.middleware.ReaderGZipMiddleware",
    # Anonymous readers' pages: a hit skips everything below; a stored page keeps the headers they set.
    "pagecache.middleware.PageCacheMiddleware",
    # A NUL byte or other control character in the address is a 400, before any view queries with it.
    "security.middleware.HostileInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.SecurityHeadersMiddleware",  # Permissions-Policy, CORP; TRACE is 405
    # django-csp's, without upgrade-insecure-requests on the onion host (plain HTTP there).
    "security.onion.OnionAwareCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "operations.middleware.StatementTimeoutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "editions.middleware.AdminLanguageMiddleware",  # no Pashto admin in Django: English there
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "editions.middleware.EditionFlatpageFallbackMiddleware",  # About, Contact, ... per edition
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",  # a 404 with a stored redirect: 301
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.newsroom",
                "editions.context_processors.edition",
            ],
        },
    },
    {
        # The reader website (newsroom/jinja2.py says why); the admin above keeps Django's.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "newsroom" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.i18n",
                "articles.context_processors.newsroom",
                "editions.context_processors.edition",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (postgres://...).
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=int(env.text("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL's default random_page_cost (4) assumes spinning disks: with it the planner reads a
# whole language's index rather than probe the few stories of one author (figures: docs/deploy.md).
# 1.1 is the usual value for SSDs and a warm cache; DATABASE_RANDOM_PAGE_COST="" keeps the server's.
RANDOM_PAGE_COST = env.text("DATABASE_RANDOM_PAGE_COST", "1.1")


# A web request's query should answer in milliseconds, and starting a parallel worker costs most of
# that (docs/deploy.md) while the other cores are serving other requests. 0 plans every query in
# its own process; DATABASE_PARALLEL_WORKERS="" keeps the server's.
PARALLEL_WORKERS = env.text("DATABASE_PARALLEL_WORKERS", "0")


def _planner_settings(database: dict) -> dict:
    if not database["ENGINE"].endswith("postgresql"):
        return database
    settings = []
    if RANDOM_PAGE_COST:
        settings.append(f"-c random_page_cost={float(RANDOM_PAGE_COST)}")
    if PARALLEL_WORKERS:
        settings.append(f"-c max_parallel_workers_per_gather={int(PARALLEL_WORKERS)}")
    if settings:
        options = database.setdefault("OPTIONS", {})
        options["options"] = " ".join([options.get("options", ""), *settings]).strip()
    return database


_planner_settings(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An optional read replica serves anonymous readers' pages (newsroom/routers.py, docs/deploy.md).
if env.text("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env.text("DATABASE_REPLICA_URL"),
        conn_max_age=int(env.text("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    _planner_settings(DATABASES["replica"])
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("pagecache.middleware.PageCacheMiddleware") + 1, "newsroom.routers.ReplicaForReadersMiddleware"
    )
    # Pages rendered while the replica may still lag behind a change are kept only this long.
    PAGECACHE_SETTLE_SECONDS = int(env.text("DATABASE_REPLICA_MAX_LAG_SECONDS", "5"))

REDIS_URL = env.text("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that logs and carries on when Redis is down (docs/security.md).
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.text("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    # Every process on this machine must see the same content version: a file-based cache,
    # never one process's memory (an edit made in one worker would not reach the others).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.text("CACHE_DIR") or str(VAR_DIR / "cache"),
        }
    }
# Anonymous readers' pages come from that cache (pagecache/); PAGECACHE_ENABLED=0 turns it off.
PAGECACHE_ENABLED = env.flag("PAGECACHE_ENABLED", default=True)
# pagecache/conf.py's list, and the read beacon (audience/): answered every time, never stored.
PAGECACHE_SKIP_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/", "/reads/")
# How long a worker trusts the content version it last read from the database (pagecache/version.py):
# a hit costs no query meanwhile; 0 asks the database on every page request.
PAGECACHE_VERSION_CHECK_SECONDS = float(env.text("PAGECACHE_VERSION_CHECK_SECONDS", "0.25"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Django knows neither Pashto nor the Afghan variant of Persian (Dari).
django.conf.locale.LANG_INFO.update(
    {
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
        "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"},
    }
)
# Django decides <html dir> from this list: the same rule as get_language_info(code)["bidi"].
LANGUAGES_BIDI = [code for code, info in django.conf.locale.LANG_INFO.items() if info.get("bidi")]
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ps", _("Pashto")), ("fa-af", _("Dari"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Pashto and Dari pages write numbers and dates in Eastern Arabic digits (۱۴۰۵) unless this is off.
NEWSROOM_EASTERN_DIGITS = env.flag("NEWSROOM_EASTERN_DIGITS", default=True)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
READER_TIME_ZONE = "Asia/Kabul"
USE_TZ = True
FORMAT_MODULE_PATH = ["newsroom.formats"]  # the admin's date style where a package prints the default format

STATIC_URL = "/static/"
# DJANGO_STATIC_ROOT lets a load test collect into its own folder beside a running server.
STATIC_ROOT = Path(env.text("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "newsroom" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads in S3-compatible object storage (django-storages) when a bucket is named, so every
# app server sees every file (docs/deploy.md). Credentials: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = env.text("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.text("AWS_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, R2, Spaces, ...
            "region_name": env.text("AWS_S3_REGION_NAME") or None,
            "custom_domain": env.text("AWS_S3_CUSTOM_DOMAIN") or None,  # the CDN host for media
            "querystring_auth": env.flag("AWS_QUERYSTRING_AUTH"),  # public media: plain, cacheable URLs
            "file_overwrite": False,
            "default_acl": None,  # the bucket's policy decides
        },
    }
# Upload limits: keep big files out of memory, refuse absurd ones.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
HERO_IMAGE_MAX_BYTES = 20 * 1024 * 1024
HERO_IMAGE_MAX_PIXELS = 50_000_000

TAGGIT_CASE_INSENSITIVE = True

# The article body editor's own blocks (articles/forms.py BODY_EDITOR_CONFIG): a library photo, an embed.
# The body is cleaned by articles/sanitize.py, not by django-prose-editor's allowlist.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/body-figures.js")],
        "extensions": {"NewsroomPhoto": lambda config, shared: None, "NewsroomEmbed": lambda config, shared: None},
    },
]

ADMINS = [tuple(pair.split(":", 1)) for pair in env.listing("DJANGO_ADMINS") if ":" in pair]
DEFAULT_FROM_EMAIL = env.text("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env.text(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.text("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.text("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env.text("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("DJANGO_EMAIL_USE_TLS")  # STARTTLS, usually on port 587
EMAIL_USE_SSL = env.flag("DJANGO_EMAIL_USE_SSL")  # TLS from the first byte, usually on port 465
EMAIL_TIMEOUT = int(env.text("DJANGO_EMAIL_TIMEOUT", "30"))

# Background work (newsletters): django-tasks with its database backend, run by
# `manage.py db_worker` beside the web server (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# A provider's bounce and complaint webhooks (django-anymail, at /anymail/<provider>/tracking/):
# the shared secret ("user:password", HTTP basic auth) every webhook must present, plus Mailgun's
# signing key when Mailgun is the provider. newsletters/bounces.py suppresses the addresses.
# NEWSLETTER_MAIL_PROVIDER names the provider whose tracking webhook is routed (anymail's name:
# "postmark", "mailgun", "amazon_ses", ...); empty (plain SMTP) routes none.
NEWSLETTER_MAIL_PROVIDER = env.text("NEWSLETTER_MAIL_PROVIDER")
ANYMAIL = {
    "WEBHOOK_SECRET": env.text("ANYMAIL_WEBHOOK_SECRET"),
    "MAILGUN_WEBHOOK_SIGNING_KEY": env.text("ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY"),
}

# Newsletters (newsletters/sending.py explains each number).
NEWSLETTER_BATCH_SIZE = int(env.text("NEWSLETTER_BATCH_SIZE", "50"))
NEWSLETTER_LEASE_SECONDS = int(env.text("NEWSLETTER_LEASE_SECONDS", "300"))
NEWSLETTER_MAX_ATTEMPTS = int(env.text("NEWSLETTER_MAX_ATTEMPTS", "8"))
NEWSLETTER_RETRY_SECONDS = int(env.text("NEWSLETTER_RETRY_SECONDS", "60"))
# The provider's limit, messages a second for all workers together (newsletters/ratelimit.py);
# 0: as fast as it accepts.
NEWSLETTER_RATE_PER_SECOND = int(float(env.text("NEWSLETTER_RATE_PER_SECOND", "0")))
env.retired("NEWSLETTER_RATE_PER_WORKER", "set NEWSLETTER_RATE_PER_SECOND, one limit for all workers together.")
# An address whose mail the provider hands to its inbound webhook: issues then offer unsubscribing
# by email too (List-Unsubscribe mailto:, newsletters/inbound.py). Empty: the https link only.
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.text("NEWSLETTER_UNSUBSCRIBE_MAILTO")

NEWSROOM_NAME = env.text("NEWSROOM_NAME", "Dawat Media")
# The name each edition's readers see (editions.names.newsroom_name); an edition not listed uses
# NEWSROOM_NAME. The seed's Pashto-Dari site calls itself "دعوت میډیا" in both languages.
NEWSROOM_NAMES = {
    "en": NEWSROOM_NAME,
    "ps": env.text("NEWSROOM_NAME_PS", "دعوت میډیا"),
    "fa-af": env.text("NEWSROOM_NAME_FA_AF", "دعوت میډیا"),
}
# The public host name; feeds and sitemaps build absolute links with it.
NEWSROOM_DOMAIN = env.text("NEWSROOM_DOMAIN", "127.0.0.1:8000")

# Read counts (audience/, docs/privacy.md): NEWSROOM_READ_COUNTING=0 sends no beacon and counts nothing;
# pending reads are added to the counts at most this often per process (and before an editor looks).
AUDIENCE_COUNTING = env.flag("NEWSROOM_READ_COUNTING", default=True)
AUDIENCE_ROLLUP_SECONDS = int(env.text("NEWSROOM_READS_ROLLUP_SECONDS", "60"))

# Error reports (500s) by e-mail go to these addresses, never to ADMINS (the donation-alert
# recipients), at most NEWSROOM_ERROR_EMAIL_LIMIT per NEWSROOM_ERROR_EMAIL_PERIOD seconds
# (operations/errormail.py). Without any, errors are only logged.
NEWSROOM_ERROR_EMAILS = [
    pair.split(":", 1)[-1].strip() for pair in env.listing("DJANGO_ERROR_EMAILS") if "@" in pair
]
NEWSROOM_ERROR_EMAIL_LIMIT = int(env.text("DJANGO_ERROR_EMAIL_LIMIT", "10"))
NEWSROOM_ERROR_EMAIL_PERIOD = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "error_mail": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "operations.errormail.RateLimitedErrorMailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Replaces Django's default "mail_admins" handler, which would mail ADMINS.
        "django": {"handlers": ["error_mail"], "level": "INFO"},
        "newsroom": {"level": "INFO"},
        "articles": {"level": "INFO"},
        "donations": {"level": "INFO"},
        "security": {"level": "INFO"},
    },
}

# -- Security (security/ app; docs/security.md explains every line) ---------------------------
# Production (DJANGO_DEBUG unset) is HTTPS-only. DJANGO_SECURE_SSL_REDIRECT=0 and
# DJANGO_SECURE_COOKIES=0 are for a loopback benchmark or a TLS proxy that forgets the header.
# With an onion address the same servers answer plain HTTP on the onion host, so the domain's
# redirect to HTTPS is its proxy's (docs/onion.md): Django's would send onion readers to an
# https:// onion address that does not answer.
SECURE_SSL_REDIRECT = env.flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not NEWSROOM_ONION_HOST)
if NEWSROOM_ONION_HOST and SECURE_SSL_REDIRECT:
    raise ImproperlyConfigured(
        "DJANGO_SECURE_SSL_REDIRECT cannot be on with DJANGO_ONION_HOST: let the domain's proxy redirect to HTTPS "
        "(docs/onion.md)."
    )
# Django's deploy check would warn that it does not redirect: the proxy does (above).
SILENCED_SYSTEM_CHECKS = ["security.W008"] if NEWSROOM_ONION_HOST else []
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
if env.flag("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env.text("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.flag("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.flag("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True  # no script of ours reads either cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 60 * 60  # a working day; the session lives in the database
NEWSROOM_TRUSTED_PROXY_COUNT = int(env.text("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# No inline or eval'd script anywhere; the admin's one inline script (the prose
# editor's import map) carries the per-request nonce. Inline styles stay allowed:
# the admin uses style attributes, and styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", *env.listing("DJANGO_CSP_EXTRA_IMG_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        # A story's video or post loads its player only when the reader clicks (photos/embeds.py
        # FRAME_ORIGINS); no other page and no other third party may frame anything.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://platform.twitter.com"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if SECURE_SSL_REDIRECT else {}),
        **({"report-uri": env.text("DJANGO_CSP_REPORT_URI")} if env.text("DJANGO_CSP_REPORT_URI") else {}),
    },
}

# PostgreSQL statement timeouts (operations.dbtimeout): short for readers, longer for staff, but
# always shorter than gunicorn's worker timeout (GUNICORN_TIMEOUT, 30 s), so the database cancels
# a stuck query (503 page) before gunicorn kills the worker.
READER_STATEMENT_TIMEOUT_MS = int(env.text("DJANGO_READER_STATEMENT_TIMEOUT_MS", "3000"))
STAFF_STATEMENT_TIMEOUT_MS = int(env.text("DJANGO_STAFF_STATEMENT_TIMEOUT_MS", "15000"))

# Login throttling: a username from one address is paused after AXES_FAILURE_LIMIT wrong
# passwords; an address after more across usernames; an account after more across addresses.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes' database handler plus two wider limits (security/throttling.py): an address across
# usernames, and an account across addresses.
AXES_HANDLER = "security.throttling.LayeredAxesHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(env.text("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.text("DJANGO_LOGIN_LOCKOUT_MINUTES", "30")))
NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT = int(env.text("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = int(env.text("DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT", "10"))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.logins.client_ip"
AXES_LOCKOUT_CALLABLE = "security.logins.lockout_response"

# Staff sign in through the admin; a refused or off-site ``next`` lands on the desk.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Two-factor authentication (django-otp, TOTP): open to all staff, required for these.
NEWSROOM_2FA_REQUIRED_GROUPS = ["Treasurer"]
# ...and for whoever may publish (the Editors group, or the permission given any other way).
NEWSROOM_2FA_REQUIRED_PERMISSIONS = ["articles.publish_article"]
NEWSROOM_2FA_REQUIRED_FOR_ALL_STAFF = env.flag("NEWSROOM_2FA_REQUIRED_FOR_ALL_STAFF")
OTP_TOTP_ISSUER = NEWSROOM_NAME

"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local `.env` is read for convenience; real deployments set the environment itself.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")  # noqa: S105
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "storefront.accounts",
    "storefront.catalogue",
    "storefront.basket",
    "storefront.checkout",
    "legal",
    "analytics",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "allauth",
    "allauth.account",
    "cookie_consent",
    "csp",
    "django_guid",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's widget templates for forms rendered with the project's templates
    # (storefront.catalogue.forms.ProductFilterForm).
    "django.forms",
]

MIDDLEWARE = [
    # The content generation for the page cache and the per-process memory (cms/memo.py),
    # read lazily: first, so every middleware below uses the memory.
    "cms.memo.ContentGenerationMiddleware",
    # A request id for every log line and error report (H29); returned as X-Request-ID.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # P18/H19: Content-Security-Policy on every response, static files included (django-csp).
    "cms.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML leaves compressed; static files come precompressed from whitenoise. Django's gzip adds
    # random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # P32: URL prefix, then language cookie, Accept-Language, country (wraps LocaleMiddleware).
    "cms.language.LanguageMiddleware",
    # Admin pages in Russian for staff browsing in Kazakh (Wagtail has no Kazakh catalogue).
    "home.middleware.AdminLanguageFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # P16/P17/P28: expires PostHog cookies whenever analytics is not allowed.
    "legal.middleware.ConsentMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # P11: a rate-limited POST answers 429 with Retry-After and leaves an anti-spam record.
    "legal.antispam.middleware.RateLimitRecordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # P07: puts the basket back into the fresh session after sign-out.
    "storefront.basket.middleware.BasketCarryOverMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # P20: touches User.last_activity at most once a day per signed-in shopper.
    "storefront.accounts.middleware.LastActivityMiddleware",
    # Account pages are never cached (`private, no-store`), like checkout.
    "storefront.accounts.middleware.AccountPagesNoStoreMiddleware",
    # Last, so every middleware above still runs on a cached page (docs/performance.md).
    "cms.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "storefront.basket.context_processors.basket",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails fast into the 503 page and /readyz (H36).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=3)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set (shared by every worker), else local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, with a client kept per connection pool (cms/cache.py).
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="nera"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages for anonymous visitors (cms/page_cache.py): seconds a stored page may be served
# at most (a publish or stock change retires it at once); 0 switches the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Product cards and the storefront API's list entries (storefront/catalogue/cards.py): seconds
# one is kept for its product, language and content generation (any content change retires it at
# once); 0 switches it off.
CARD_CACHE_SECONDS = env.int("CARD_CACHE_SECONDS", default=600)
# A product page's gallery, share image, schema.org data, variants and translations' addresses
# (storefront/catalogue/product.py), per product, language and content generation; 0 switches
# it off.
PRODUCT_CACHE_SECONDS = env.int("PRODUCT_CACHE_SECONDS", default=600)
# Listing results (storefront/catalogue/listing.py): the count and each page's product ids of a
# listing and its filters, per content generation; 0 switches it off.
LISTING_CACHE_SECONDS = env.int("LISTING_CACHE_SECONDS", default=600)
# Sites, site settings and view restrictions remembered per process until content changes.
CONTENT_MEMORY = env.bool("CONTENT_MEMORY", default=True)
# Touched on every content change: the workers of one machine share the local-memory cache's
# generation through it.
PAGE_CACHE_STAMP = env("PAGE_CACHE_STAMP", default=str(VAR_DIR / "page-cache.stamp"))

# P07: the session (basket, login) lives two weeks from the last visit.
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# P03: Argon2 first; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "nera_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Money
DEFAULT_CURRENCY = env("DEFAULT_CURRENCY", default="KZT")

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Security headers that hold everywhere (production adds HSTS and secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: printed to the console unless production configures a provider.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Nera <no-reply@we-nera.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (allauth): email login, mandatory verification, rate limits on the shared cache.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_ADAPTER = "storefront.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    name: f"storefront.accounts.forms.{form}"
    for name, form in {
        "signup": "SignupForm",
        "login": "LoginForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "add_email": "AddEmailForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]  # + names and age (the form)
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a POST confirms, so mail scanners cannot
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True  # one address; a new one replaces it once verified (P25)
# The old address hears of an email change, the address of a password change or reset.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True  # H04
# P07: every sign-in lasts two weeks from the last visit (SESSION_COOKIE_AGE, sliding), as the
# policy says; there is no "remember me" choice that would end it with the browser.
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # other sessions end via the session auth hash (H06)
ACCOUNT_REAUTHENTICATION_REQUIRED = True  # H05
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("ACCOUNT_REAUTHENTICATION_TIMEOUT", default=300)
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # H03: failed logins per IP and per account; generous per IP for shoppers behind NAT (H37).
    "login_failed": "20/m/ip,5/5m/key",
    "login": "60/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# H03: X-Forwarded-For is ignored unless the proxies in front are counted here; one number for
# the login rate limits, the anti-spam limits and the country lookup alike: they all ask
# cms.client_ip (allauth through the account adapter, django-ratelimit through its setting).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "cms.client_ip.client_ip"

# Anti-spam on public forms (P11): a hidden honeypot field and a signed, single-use timing token
# (sent faster than ANTISPAM_MIN_SECONDS or older than ANTISPAM_MAX_FORM_AGE is suspicious), and
# rate limits per email, account and browser session before per address, the last high enough
# for a carrier's NAT (H37). Rates are django-ratelimit's "count/period"; allauth's own limits
# (ACCOUNT_RATE_LIMITS) cover sign-in, sign-up and password reset.
ANTISPAM_FORM_CHECKS = env.bool("ANTISPAM_FORM_CHECKS", default=True)
ANTISPAM_MIN_SECONDS = env.float("ANTISPAM_MIN_SECONDS", default=2.0)
ANTISPAM_MAX_FORM_AGE = 24 * 60 * 60
ANTISPAM_RATE_LIMITS = {
    "checkout": {"email": "5/10m", "session": "10/10m", "ip": "120/10m"},
    "address": {"user": "30/10m", "ip": "300/10m"},
    "signup": {"email": "3/h"},
    "reset_password": {"email": "5/h"},
}
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)

# Jurisdiction (P05, P10): the visitor's country decides consent rules and the default language.
# A trusted proxy's country header (e.g. CF-IPCountry) when configured, else geoip2fast on the
# client IP; X-Forwarded-For is read only through this many trusted proxies.
COUNTRY_HEADER = env("COUNTRY_HEADER", default="")
# The EU member states (ISO 3166-1 alpha-2).
EU_COUNTRY_CODES = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
# P16: where analytics waits for opt-in: the EU, the rest of the EEA (IS, LI, NO), the United
# Kingdom and Switzerland; an unknown country counts too (the strict side).
OPT_IN_COUNTRY_CODES = [
    code.upper()
    for code in env.list(
        "OPT_IN_COUNTRY_CODES", default=[*EU_COUNTRY_CODES, "IS", "LI", "NO", "GB", "CH"]
    )
]
# P32: default language by country when neither the language cookie nor Accept-Language decide.
COUNTRY_LANGUAGES = {"KZ": "ru", "RU": "ru", "BY": "ru", "KG": "ru"}

# Cookie consent (django-cookie-consent); the per-visitor default lives in legal.consent.
COOKIE_CONSENT_NAME = "nera_consent"
COOKIE_CONSENT_MAX_AGE = 182 * 24 * 60 * 60  # P14: six months
COOKIE_CONSENT_SECURE = env.bool("COOKIE_CONSENT_SECURE", default=False)
COOKIE_CONSENT_HTTPONLY = True
COOKIE_CONSENT_SAMESITE = "Lax"
COOKIE_CONSENT_OPT_OUT = False
COOKIE_CONSENT_LOG_ENABLED = True

# PostHog (P15): EU host; no key, no analytics at all. A CMS setting can override the key.
POSTHOG_KEY = env("POSTHOG_KEY", default="")
POSTHOG_HOST = env("POSTHOG_HOST", default="https://eu.i.posthog.com")
POSTHOG_TIMEOUT = env.float("POSTHOG_TIMEOUT", default=2.0)

# Content-Security-Policy (django-csp); cms.csp adds the PostHog hosts when analytics is
# configured and gives the admin its own policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Nera"
# The admin speaks English or Russian (each staff member picks in Account → Preferences).
# Wagtail ships no Kazakh translation; Kazakh-speaking staff get Russian (home/middleware.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ru", "Русский")]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The shop's public address: links in account emails are built from it, never from the request's
# Host header (which a client chooses).
SITE_BASE_URL = env("SITE_BASE_URL", default=WAGTAILADMIN_BASE_URL)
# Wagtail's database backend; on SQLite with its ranking in one query (cms/search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# H12: no shared page passwords (a password shared by many is no access control).
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# P18: the admin calls no other host (no Gravatar avatars, no release check).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # H18: no SVG uploads
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Background work. "worker" is django-tasks' database backend, run by `manage.py db_worker
# --backend worker`: account-email retries go there, so a retry is a later, independent attempt
# (H35). "default" is where Wagtail queues its own work (search index, references): immediate
# unless TASKS_BACKEND moves it to the worker too (docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    },
    "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# Seconds before a refused account email is tried again by the worker, and how many tries.
EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=120)
EMAIL_RETRY_ATTEMPTS = env.int("EMAIL_RETRY_ATTEMPTS", default=5)


# The request id travels in X-Request-ID (django-guid); log lines and error reports carry it.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
}

# Logs go to stdout, one JSON object per line, with the request id; no client IP or contact
# details are ever logged (H29): Django's request logger, which prints client details on every
# 4xx, keeps errors only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "personal_data": {"()": "cms.monitoring.PersonalDataLogFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id", "personal_data"],
        }
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# APIs: Wagtail's content API (v2 at /api/v2/, v3 at /api/v3/) and the storefront API at
# /api/store/v1/ (cms/api.py). Both are outside the language prefix; see docs/api.md.
INSTALLED_APPS += ["wagtail.api.v2", "wagtail.api.v3", "rest_framework", "ninja", "corsheaders"]
# CORS before anything that can answer (CommonMiddleware, WhiteNoise), as django-cors-headers asks.
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
API_PATH_PREFIX = "/api/"
CORS_URLS_REGEX = r"^/api/.*$"
# Front ends on other origins (e.g. https://app.example.com); none by default.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
# Browsers on those origins send the session cookie; they must also be in CSRF_TRUSTED_ORIGINS.
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "x-csrftoken",
    "x-basket-token",
    "authorization",
]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
# The storefront API refuses bodies larger than this (bytes) with a 413 problem.
STORE_API_MAX_BODY = 64 * 1024
# Writes per client (keyed hash of the IP) and minute; generous for shoppers behind one NAT (H37).
STORE_API_RATE_LIMITS = {"checkout": "20/m", "basket_token": "30/m", "consent": "30/m"}

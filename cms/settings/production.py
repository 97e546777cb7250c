"""Production: everything from the environment, secure cookies, HSTS, static files compressed."""

import copy

from django.core.exceptions import ImproperlyConfigured

from cms.monitoring import honeybadger_settings

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, INSTALLED_APPS, MIDDLEWARE, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

CONTENT_SECURITY_POLICY = copy.deepcopy(CONTENT_SECURITY_POLICY)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Static files are answered before Django by whitenoise wrapping the application (cms/wsgi.py,
# cms/static.py). Its middleware, kept for development and the tests, would scan the same files
# a second time while the server starts (a quarter of a second) and never serve one.
MIDDLEWARE = [name for name in MIDDLEWARE if name != "whitenoise.middleware.WhiteNoiseMiddleware"]

# HTTPS is terminated at the proxy in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer checks health over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is hard to undo (browsers ship the list for months): only on explicit request.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
COOKIE_CONSENT_SECURE = True  # H25
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
SITE_BASE_URL = env("SITE_BASE_URL", default=WAGTAILADMIN_BASE_URL)

# H39: rate limits, login throttles and sessions must be shared by every worker; a per-process
# cache would multiply each limit by the number of workers.
if not env("REDIS_URL", default=""):
    raise ImproperlyConfigured(
        "REDIS_URL is required in production: rate limits and sessions need a shared cache."
    )

# Error monitoring (P13), production only: with a key, errors go to Honeybadger after
# cms.monitoring has scrubbed every personal field, cookie, session and client address.
HONEYBADGER_API_KEY = env("HONEYBADGER_API_KEY", default="")
if HONEYBADGER_API_KEY:
    HONEYBADGER = honeybadger_settings(
        HONEYBADGER_API_KEY, env("HONEYBADGER_ENVIRONMENT", default="production")
    )
    MIDDLEWARE = [*MIDDLEWARE, "honeybadger.contrib.DjangoHoneybadgerMiddleware"]

EMAIL_BACKEND = env("EMAIL_BACKEND", default="anymail.backends.brevo.EmailBackend")
ANYMAIL = {
    "BREVO_API_KEY": env("BREVO_API_KEY", default=""),
    # A hanging provider must not hold a sign-up for long (H34); a failure is logged and retried
    # by the accounts adapter (H35).
    "REQUESTS_TIMEOUT": (3.05, env.float("EMAIL_TIMEOUT", default=10.0)),
}

# Scale-out: uploaded media on S3-compatible object storage (django-storages, `pip install
# ".[s3]"`) when a bucket is named, so every app server sees the same files. Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (read by boto3).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "default_acl": None,
            "querystring_auth": False,  # product images are public
            "file_overwrite": False,
        },
    }
    # P18: the media host is the shop's own storage; pages may load images from it only.
    _media_host = env("AWS_S3_CUSTOM_DOMAIN", default="") or env("AWS_S3_ENDPOINT_URL", default="")
    if _media_host:
        _media_origin = _media_host if "://" in _media_host else f"https://{_media_host}"
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
            *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
            _media_origin,
        ]

# A CDN in front: Wagtail purges a page's URLs when an editor publishes, unpublishes or moves it.
FRONTEND_CACHE = env("FRONTEND_CACHE", default="")  # "cloudflare", "cloudfront" or "http"
if FRONTEND_CACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "default": {
            "cloudflare": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
                "ZONEID": env("CLOUDFLARE_ZONE_ID", default=""),
            },
            "cloudfront": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID", default=""),
            },
            "http": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": env("FRONTEND_CACHE_LOCATION", default="http://127.0.0.1:8080"),
            },
        }[FRONTEND_CACHE]
    }

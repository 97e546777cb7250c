"""The test run: fast hashers, local memory cache and email kept in memory."""

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
# Fast hashing for the many users tests create; tests about hashing set the production list.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/nera-test-media")  # noqa: S108
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_BASE_URL = WAGTAILADMIN_BASE_URL
# H28: no analytics key in tests, whatever a developer's .env says; tests that need one set it.
POSTHOG_KEY = ""
# Account email retries are due at once, so a test can run the worker right after a failure.
EMAIL_RETRY_DELAY = 0
# The suite posts forms directly; the anti-spam tests switch the checks and limits back on.
ANTISPAM_FORM_CHECKS = False
RATELIMIT_ENABLE = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, as in production, not Django's shared in-memory database: threads that write at
    # once then wait for each other (SQLite's busy timeout) instead of failing at once with
    # "database table is locked", so concurrency tests see what a real server does.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
# Pages are rendered afresh in tests; tests/cms/test_page_cache.py switches the page cache on.
PAGE_CACHE_SECONDS = 0
CONTENT_MEMORY = False

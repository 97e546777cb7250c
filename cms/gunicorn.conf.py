"""Gunicorn settings; every value can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are recycled only as a guard against slow leaks: often enough to matter over days,
# rarely enough that a busy worker (several hundred requests a second) lives for many minutes,
# with jitter so that the workers never restart together. 0 switches recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "20000"))
# The application is imported once in the master before the workers fork: a new or recycled
# worker answers its first request at once instead of importing Django and Wagtail first.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in {"0", "false", "no"}
if preload_app:
    # No garbage collection while the master imports the application (gunicorn reads this file
    # first): the import builds some 400,000 long-lived objects, and the collections it set off
    # walked them again and again (0.33 s of a 1.26 s import on the bench machine). when_ready()
    # freezes what was built and turns collection back on (the order the Python documentation
    # gives for gc.freeze() before fork()).
    gc.disable()
# Access logs would hold client addresses (P05): none by default.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Templates compiled and the country database loaded once in the master, inherited by each worker.
WARM_TEMPLATES = (
    "base.html",
    "home/home_page.html",
    "catalogue/product_index_page.html",
    "catalogue/category_page.html",
    "catalogue/product_page.html",
    "catalogue/search.html",
    "catalogue/includes/product_card.html",
    "checkout/checkout.html",
    "basket/basket.html",
)


def warm_urls():
    """The URLconf (every view module and the APIs' schemas), its reverse look-ups and the
    translation catalogues of each language, and the Redis client library: left to the workers,
    each one loaded them on its first request, after the fork, so a new or replaced worker took
    about 0.3 s longer to answer, and every worker held its own copy."""
    from django.conf import settings
    from django.conf.urls.i18n import is_language_prefix_patterns_used
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - built per language on first use
    import redis  # noqa: F401 - Django's Redis cache imports it on the first cache call


def when_ready(server):
    if not preload_app:
        return
    from django.db import connections
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    from legal.jurisdiction import country_for_ip

    country_for_ip("8.8.8.8")
    for name in WARM_TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            server.log.warning("Template %s not found while warming up.", name)
    warm_urls()
    connections.close_all()
    # The master's objects (Django, Wagtail, the compiled templates) live as long as the
    # workers. Unfrozen, each worker's first full collection walked them all and wrote to every
    # page it touched (copy-on-write after the fork): a stall of hundreds of milliseconds that
    # set the p99 of static files. Frozen, a worker's collections see only its own objects. The
    # import's few cyclic leftovers are frozen with them (about 1 MB) instead of collected first
    # (0.15 s).
    gc.freeze()
    gc.enable()


def post_fork(server, worker):
    # A database connection must never be shared between processes.
    from django.db import connections

    connections.close_all()

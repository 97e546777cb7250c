"""Whole-page cache for anonymous shoppers, with the personal parts filled in per request.

A page is stored only when it was rendered for a visitor with nothing personal: no session
cookie (so no basket, no sign-in, no messages kept in the session) and no messages cookie. It is
served only to such visitors, so the basket count (0), the signed-in state (signed out) and the
messages (none) in a stored page are right for everyone who gets it. What is still personal is:

- the CSRF token in every form (language switcher, consent banner, add to basket): the stored
  page holds a placeholder that is replaced by this visitor's own token on every hit (one string
  replacement), and Django's CSRF middleware sets the visitor's cookie as usual, so forms work
  without JavaScript;
- the consent banner or notice, which depends on the visitor's jurisdiction (legal.jurisdiction:
  EU or not) and their consent choice: both are part of the cache key.

The key also holds the host, scheme, language and full path. Every stored page belongs to one
"content generation"; publishing, unpublishing, moving or deleting a page, a stock change or a
settings change starts a new generation, so older pages are never served again (they expire).
The generation lives in the cache (shared by every worker with Redis) and in the modification
time of a stamp file (shared by every worker of one machine with the local-memory cache).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
CSRF_PLACEHOLDER = "__NERA_CSRF_TOKEN__"
_CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# Masked CSRF tokens are 64 characters from this alphabet (django.middleware.csrf).
_TOKEN_PATTERN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Only pages from these views are stored: Wagtail pages and the product search.
CACHEABLE_VIEWS = frozenset({"wagtail.views.serve", "storefront.catalogue.views.search"})
# Headers kept with a stored page; the outer middleware adds the rest on every response.
KEPT_HEADERS = ("Content-Type", "Content-Language")


def _stamp_path() -> Path:
    return Path(settings.PAGE_CACHE_STAMP)


def _shared_cache() -> bool:
    """Whether every worker sees the same cache (Redis) or each has its own (local memory)."""
    return not isinstance(caches["default"], LocMemCache)


def content_generation() -> str:
    """The current generation: stored pages of any other generation are never served."""
    try:
        stamp = os.stat(_stamp_path()).st_mtime_ns
    except FileNotFoundError:
        stamp = 0
    counter = cache.get(GENERATION_KEY, 0) if _shared_cache() else 0
    return f"{counter}.{stamp}"


def new_generation() -> None:
    """Retire every stored page (called on publish, stock and settings changes)."""
    path = _stamp_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        previous = 0
    path.write_text(str(now))
    # Two changes within the file system's time resolution must still differ.
    stamp = max(now, previous + 1_000)
    os.utime(path, ns=(stamp, stamp))
    if _shared_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 1, timeout=None)


def visitor_is_anonymous_and_clean(request: HttpRequest) -> bool:
    """No session (basket, sign-in, messages) and no messages cookie: nothing personal to show."""
    return (
        request.method == "GET"
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and not request.COOKIES.get("messages")
    )


def cache_key(request: HttpRequest, generation: str) -> str:
    """Host, scheme, language, jurisdiction, consent choice and full path, in one generation."""
    from legal.consent import consent_state

    state = consent_state(request)
    choice = {True: "y", False: "n", None: "-"}[state.analytics_choice]
    path = hashlib.md5(  # noqa: S324 - a cache key, not security
        request.get_full_path().encode(), usedforsecurity=False
    ).hexdigest()
    return (
        f"pagecache:{generation}:{request.scheme}:{request.get_host()}:"
        f"{translation.get_language()}:{'eu' if state.is_eu else 'other'}:{choice}:{path}"
    )


def strip_csrf_tokens(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with this visitor's CSRF tokens replaced by the placeholder.

    None when the page cannot be stored safely (a placeholder-like string already in it).
    """
    if _CSRF_PLACEHOLDER_BYTES in content:
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def replace(match: re.Match) -> bytes:
        token = match.group(0)
        if _unmask_cipher_token(token.decode()) == secret:
            return _CSRF_PLACEHOLDER_BYTES
        return token

    content = _TOKEN_PATTERN.sub(replace, content)
    if secret.encode() in content:
        return None  # the unmasked secret must never be shared
    return content


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(request, "_page_cache_view", None) not in CACHEABLE_VIEWS:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _view_path(view_func: Callable) -> str:
    view = getattr(view_func, "__wrapped__", view_func)
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    name = getattr(view, "__qualname__", None) or type(view).__qualname__
    return f"{getattr(view, '__module__', '')}.{name}"


class PageCacheMiddleware:
    """Serves stored pages to anonymous visitors; stores what Wagtail and search render for them.

    Sits last in MIDDLEWARE, inside the session, language, CSRF, consent and security
    middleware, so all of them still run on a cached page (cookies, headers, gzip).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not visitor_is_anonymous_and_clean(request):
            return self.get_response(request)
        from cms.memo import current_generation

        generation = current_generation() or content_generation()  # the memory may be off
        key = cache_key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            return self._from_cache(request, stored)
        response = self.get_response(request)
        if _storable(request, response):
            content = strip_csrf_tokens(request, response.content)
            if content is not None:
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                cache.set(key, (content, headers), timeout)
                response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._page_cache_view = _view_path(view_func)

    @staticmethod
    def _from_cache(request: HttpRequest, stored: tuple[bytes, dict[str, str]]) -> HttpResponse:
        content, headers = stored
        if _CSRF_PLACEHOLDER_BYTES in content:
            # This visitor's own token; get_token() also makes the CSRF middleware set the cookie.
            content = content.replace(_CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        # The page differs by cookie (consent, session): shared caches must not mix visitors.
        patch_vary_headers(response, ("Cookie",))
        return response


def _on_page_change(sender, **kwargs) -> None:
    new_generation()


def _on_save_or_delete(sender, instance, **kwargs) -> None:
    """Stock, variants, settings, sites and locales show on pages: a change retires them all."""
    if not isinstance(instance, _WATCHED_MODELS):
        return
    if kwargs.get("created") and isinstance(instance, _SETTINGS_MODELS):
        return  # settings rows are made with their defaults on first use: nothing shown changes
    new_generation()


_WATCHED_MODELS: tuple[type, ...] = ()
_SETTINGS_MODELS: tuple[type, ...] = ()


def connect_invalidation() -> None:
    """Called from an AppConfig.ready(): every change editors make shows at once."""
    global _WATCHED_MODELS, _SETTINGS_MODELS
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from storefront.catalogue.models import ProductImage, ProductVariant

    _SETTINGS_MODELS = (BaseSiteSetting, BaseGenericSetting)
    _WATCHED_MODELS = (
        Page,  # stock and prices are page fields; deletes too
        ProductVariant,
        ProductImage,
        BaseSiteSetting,
        BaseGenericSetting,
        Site,
        Locale,
        PageViewRestriction,
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, weak=False, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_on_save_or_delete, weak=False, dispatch_uid="pagecache-save")
    post_delete.connect(_on_save_or_delete, weak=False, dispatch_uid="pagecache-delete")

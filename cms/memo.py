"""Per-process memory of what every page reads and editors rarely change: the site, the sites'
root paths, the site settings, the menus, the policy's address and which pages have view
restrictions.

Each lasts for one content generation (cms.page_cache): saving a site, a setting, a locale or a
view restriction starts a new generation, in every worker, so nothing stale is ever used. This
takes four or five queries off every uncached page.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse


class _LazyGeneration:
    """Read on first use only: requests that need no content (health checks, static files)
    never touch the cache or the stamp file."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: str | None = None

    def get(self) -> str:
        if self.value is None:
            from cms.page_cache import content_generation

            self.value = content_generation()
        return self.value


_generation: ContextVar[_LazyGeneration | None] = ContextVar("content_generation", default=None)
_memory: dict[Any, Any] = {}
_memory_generation: list[str | None] = [None]


def current_generation() -> str | None:
    """The request's content generation, or None outside a request (nothing is remembered)."""
    lazy = _generation.get()
    return lazy.get() if lazy is not None else None


def remembered(key: Any, make: Callable[[], Any]) -> Any:
    """`make()` once per content generation and process; always `make()` outside a request."""
    generation = current_generation()
    if generation is None:
        return make()
    if _memory_generation[0] != generation:
        _memory.clear()
        _memory_generation[0] = generation
    try:
        return _memory[key]
    except KeyError:
        value = _memory[key] = make()
        return value


class ContentGenerationMiddleware:
    """Makes the content generation readable (once, lazily) for the rest of the request.

    First in MIDDLEWARE, so that the security headers (CSP reads the analytics setting) and
    everything else use the memory too, on cached pages as well.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.CONTENT_MEMORY:
            return self.get_response(request)
        token = _generation.set(_LazyGeneration())
        try:
            return self.get_response(request)
        finally:
            _generation.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _generation.get() is not None and getattr(view_func, "__module__", "") != "cms.views":
            # Health checks stay away from the database; in an outage the view meets the same
            # error and answers it (the 503 page).
            with contextlib.suppress(DatabaseError):
                find_site(request)


def find_site(request: HttpRequest):
    """Wagtail's site for this host and port, remembered (Site.find_for_request reads it)."""
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site") and _generation.get() is not None:
        try:
            port = request.get_port()
        except KeyError:
            port = ""
        key = ("site", request.get_host().split(":")[0], port)
        request._wagtail_site = remembered(key, lambda: Site._find_for_request(request))
        # Every page URL needs the sites' root paths: Wagtail reads them from the cache once
        # per request unless the request already carries them.
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return Site.find_for_request(request)


class RememberedSettingMixin:
    """For BaseSiteSetting models: one query per site and generation instead of per request."""

    @classmethod
    def for_request(cls, request):
        find_site(request)
        return super().for_request(request)

    @classmethod
    def for_site(cls, site):
        if site is None or _generation.get() is None:
            return super().for_site(site)
        instance = remembered(
            (cls, site.pk), lambda: super(RememberedSettingMixin, cls).for_site(site)
        )
        # Wagtail keeps the request on the instance: each request gets its own copy.
        return copy.copy(instance)


def restricted_page_ids() -> frozenset[int] | None:
    """Pages with a view restriction, remembered; None outside a request."""
    from wagtail.models import PageViewRestriction

    if _generation.get() is None:
        return None
    return remembered(
        "restricted-pages",
        lambda: frozenset(PageViewRestriction.objects.values_list("page_id", flat=True)),
    )


def remember_active_locale() -> None:
    """Wagtail reads the active language's Locale row on every routed request (to find the site
    root's translation): one query per page view for a row that changes only when an editor
    adds a language. Remembered per language and content generation (saving a Locale starts a
    new one); outside a request Wagtail's own look-up runs."""
    from django.utils import translation
    from wagtail.models import Locale

    original = Locale.__dict__["get_active"].__func__
    if getattr(original, "_remembers", False):
        return

    def get_active(cls):
        return remembered(("active-locale", translation.get_language()), lambda: original(cls))

    get_active._remembers = True  # type: ignore[attr-defined]
    Locale.get_active = classmethod(get_active)


def remember_site_root_paths() -> None:
    """Every page URL built without a request (`page.url`: the storefront API's cards, basket
    lines, the policy's links) asked the cache for the sites' root paths, one round trip per
    link. Remembered per content generation (saving a site or a page starts a new one) inside a
    request; outside a request Wagtail's own look-up runs."""
    from wagtail.models import Site

    original = Site.__dict__["get_site_root_paths"].__func__
    if getattr(original, "_remembers", False):
        return

    def get_site_root_paths():
        return remembered("site-root-paths", original)

    get_site_root_paths._remembers = True  # type: ignore[attr-defined]
    Site.get_site_root_paths = staticmethod(get_site_root_paths)

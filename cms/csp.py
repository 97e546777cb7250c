"""Content-Security-Policy for every response (P18, H19), built by django-csp.

Shopper pages get the strict policy from settings.CONTENT_SECURITY_POLICY plus the PostHog
hosts when (and only when) analytics is configured for the site. The Wagtail and Django admins
need inline scripts and styles, so they get their own policy that still allows no other host.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from analytics.client import analytics_config
from home.css import site_css

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    # The page editor previews pages in a frame of its own origin.
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with two per-request decisions (its documented extension point)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = parts.config or ADMIN_POLICY
            return parts
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return parts  # files get the strict policy; no need to look up analytics
        if not response.get("Content-Type", "").startswith("text/html"):
            return parts  # only pages load the analytics script (JSON, health checks do not)
        update = dict(parts.update or {})
        # The inline site stylesheet, by its hash (home.css): nothing else inline is allowed.
        _css, css_hash = site_css()
        if css_hash:
            update["style-src"] = list(update.get("style-src", [])) + [css_hash]
            parts.update = update
        config = analytics_config(request)
        if config is not None:
            hosts = config.csp_hosts
            update = dict(parts.update or {})
            for directive in ("script-src", "connect-src"):
                update[directive] = list(update.get(directive, [])) + hosts
            parts.update = update
        return parts

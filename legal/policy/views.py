"""/<lang>/privacy/...: Wagtail serves the policy; a language without it gets the English text."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.views import serve

from legal.policy.services import live_policy


def privacy_policy(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Wagtail's own page serving; when no translation is published, the source with a notice."""
    try:
        return serve(request, f"privacy/{rest}")
    except Http404:
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        page = live_policy(language)
        if page is None or page.locale.language_code == language:
            raise
        request.policy_fallback_language = page.locale.language_code
        result = page.route(request, [part for part in rest.split("/") if part])
        return result.page.serve(request, *result.args, **result.kwargs)

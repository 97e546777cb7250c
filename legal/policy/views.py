"""/<lang>/privacy/...: the policy in the current language, or the English text with a notice."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from legal.policy.services import live_policy


def privacy_policy(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Routes into the policy page (its versions and comparisons are RoutablePageMixin routes).

    The page is found by type and language rather than by its place in the tree, so a language
    without a published translation gets the source text and a notice instead of a 404.
    """
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    page = live_policy(language)
    if page is None:
        raise Http404
    if page.locale.language_code != language:
        request.policy_fallback_language = page.locale.language_code
    result = page.route(request, [part for part in rest.split("/") if part])
    return result.page.serve(request, *result.args, **result.kwargs)

"""Finding the policy in a language, its link for footers, and the change notice for shoppers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

URL_CACHE_KEY = "legal.policy.url.{language}"
URL_CACHE_SECONDS = 300


def live_policy(language: str):
    """The live policy in `language`, else in the default language (None when there is none)."""
    from legal.policy.models import PrivacyPolicyPage

    pages = PrivacyPolicyPage.objects.live().select_related("locale")
    page = pages.filter(locale__language_code=language).first()
    if page is None:
        page = pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return page


def policy_url(language: str) -> str:
    """The policy's address for links in `language` (cached; cleared when a policy is published).

    A language without a published translation links to /<language>/privacy/ all the same:
    that address falls back to the English text with a notice.
    """
    from cms.memo import remembered

    # Remembered per worker for the content generation too (publishing starts a new one).
    return remembered(("policy-url", language), lambda: _cached_policy_url(language))


def _cached_policy_url(language: str) -> str:
    key = URL_CACHE_KEY.format(language=language)
    url = cache.get(key)
    if url is None:
        page = live_policy(language)
        url = f"/{language}/{page.slug}/" if page is not None else ""
        cache.set(key, url, URL_CACHE_SECONDS)
    return url


def forget_policy_urls(**kwargs) -> None:
    cache.delete_many([URL_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


@dataclass(frozen=True)
class PolicyChangeNotice:
    changed_on: date
    policy_url: str
    compare_url: str


def policy_change_notice(request: HttpRequest) -> PolicyChangeNotice | None:
    """Shown once to a signed-in shopper after a material change (a new "Last updated" date).

    The date of the version the shopper has seen is stored on their account; a shopper who
    joined after the change has nothing to be told. Showing the notice records it as seen.
    """
    from legal.policy.versions import previous_material_version, published_versions

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    page = live_policy(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE))
    if page is None or page.last_updated is None:
        return None
    seen = user.privacy_policy_seen
    if seen is None and timezone.localdate(user.date_joined) >= page.last_updated:
        _record_seen(user, page.last_updated)
        return None
    if seen is not None and seen >= page.last_updated:
        return None
    _record_seen(user, page.last_updated)
    versions = published_versions(page)
    compare_url = ""
    if versions:
        current = versions[0]
        earlier = previous_material_version(page, current)
        if earlier is not None:
            compare_url = earlier.compare_url(current)
    return PolicyChangeNotice(
        changed_on=page.last_updated, policy_url=page.url, compare_url=compare_url
    )


def _record_seen(user, on: date) -> None:
    get_user_model().objects.filter(pk=user.pk).update(privacy_policy_seen=on)
    user.privacy_policy_seen = on

"""Translate CMS content through wagtail-localize, so editors see and can revise the result."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, get_page_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)


@transaction.atomic
def publish_translation(instance, language_code: str, strings: dict[str, str]):
    """Create or update the `language_code` translation of `instance` from source→target strings.

    The strings go into wagtail-localize's translation memory (as if a translator typed them), so
    the translation stays synchronised: prices and other non-text fields follow the source, and
    source strings without a translation fall back to the source text.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


class TranslationState:
    UP_TO_DATE = "up_to_date"
    BEHIND = "behind"
    MISSING = "missing"


@dataclass(frozen=True)
class PageTranslationState:
    """One page's translation into one language, compared with its source."""

    translation_key: uuid.UUID
    source_page_id: int
    source_title: str
    language_code: str
    state: str
    page_id: int | None  # the translated page (None when missing)
    source_published_at: datetime | None
    synced_at: datetime | None


def page_translation_states(
    translation_keys: Iterable[uuid.UUID] | None = None,
) -> list[PageTranslationState]:
    """Each live source page's state in every other language: up to date, behind or missing.

    The source is the page wagtail-localize translates from (its TranslationSource), or the page
    in the default language when the page was never submitted for translation. A translation is
    behind when the source was published after the translation was last synced: the latest
    wagtail-localize sync into that language (TranslationLog), or, for a translation made
    without wagtail-localize, its own last publication. Four queries, whatever the number of
    pages (`translation_keys` limits the pages looked at).
    """
    pages = Page.objects.filter(depth__gt=1)
    sources = TranslationSource.objects.filter(specific_content_type_id__in=_page_content_types())
    if translation_keys is not None:
        keys = list(translation_keys)
        pages = pages.filter(translation_key__in=keys)
        sources = sources.filter(object_id__in=keys)
    order = [code for code, _name in settings.LANGUAGES]
    locales = dict(
        sorted(
            Locale.objects.values_list("pk", "language_code"),
            key=lambda row: order.index(row[1]) if row[1] in order else len(order),
        )
    )
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default_locale_id = next((pk for pk, code in locales.items() if code == default_code), None)
    source_of = {
        row["object_id"]: (row["pk"], row["locale_id"])
        for row in sources.values("pk", "object_id", "locale_id")
    }
    synced = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.filter(source_id__in=[pk for pk, _ in source_of.values()])
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"))
        .order_by()
    }
    by_key: dict[uuid.UUID, dict[int, dict]] = defaultdict(dict)
    for row in pages.values(
        "pk", "title", "translation_key", "locale_id", "live", "last_published_at"
    ).order_by("path"):
        by_key[row["translation_key"]][row["locale_id"]] = row
    states = []
    for key, versions in by_key.items():
        source_id, source_locale_id = source_of.get(key, (None, default_locale_id))
        source = versions.get(source_locale_id)
        if source is None or not source["live"]:
            continue  # nothing published to translate from
        for locale_id, code in locales.items():
            if locale_id == source_locale_id:
                continue
            target = versions.get(locale_id)
            if target is None:
                state, synced_at = TranslationState.MISSING, None
            else:
                synced_at = synced.get((source_id, locale_id), target["last_published_at"])
                published = source["last_published_at"]
                behind = published is not None and (synced_at is None or published > synced_at)
                state = TranslationState.BEHIND if behind else TranslationState.UP_TO_DATE
            states.append(
                PageTranslationState(
                    translation_key=key,
                    source_page_id=source["pk"],
                    source_title=source["title"],
                    language_code=code,
                    state=state,
                    page_id=target["pk"] if target else None,
                    source_published_at=source["last_published_at"],
                    synced_at=synced_at,
                )
            )
    return states


def _page_content_types() -> list[int]:
    # ContentType ids come from Django's cache after the first call: no query per page type.
    return [ContentType.objects.get_for_model(model).pk for model in get_page_models()]

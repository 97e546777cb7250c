"""Translate CMS content through wagtail-localize, so editors see and can revise the result."""

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
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

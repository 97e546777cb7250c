"""The "Last updated" date of the privacy policy (P31).

Decided once, when a revision of the policy in its source language is published:

- a date the editor typed (different from the previous version's) is kept as typed;
- otherwise, with "minor change (keep the date)" ticked, the previous version's date stays;
- otherwise, when the text a reader sees (title, introduction, every block as rendered)
  differs from the previous published version, the date becomes the day of publication (in
  the site's time zone);
- otherwise (published again without a change) the previous date stays.

The date is written into the published revision itself, so each archived version carries the
date of its own text, and the minor-change tick is cleared for the next edit. Translations
(wagtail-localize) copy the date of the source version they translate: a translation's own
publication never changes it.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.dateparse import parse_date
from wagtail.models import Locale, Page, PageLogEntry, Revision


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    return parse_date(value) if value else None


def decide_last_updated(new: dict, old: dict | None, today: date, changed: bool) -> date:
    """The date of the version whose revision content is `new`, after the one in `old`.

    `changed` says whether the reader-visible text differs from the previous version.
    """
    typed = _as_date(new.get("last_updated"))
    previous = _as_date(old.get("last_updated")) if old else None
    if typed and typed != previous:
        return typed
    if old is None:
        return today
    if new.get("minor_change") or not changed:
        return previous or today
    return today


def text_changed(new: Revision, old: Revision) -> bool:
    """Whether a reader sees different text (the admin may re-save the same text differently)."""
    from legal.policy.versions import page_lines

    def lines(revision: Revision) -> list[str]:
        page = revision.as_object()
        page.last_updated = None  # the date itself is not part of the text compared
        return page_lines(page)

    return lines(new) != lines(old)


def previous_published_revision(page: Page, revision: Revision) -> Revision | None:
    """The revision published before this one (the log of this publication is not written yet)."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision_id=revision.pk)
        .exclude(revision__isnull=True)
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    return Revision.objects.filter(pk=entry.revision_id).first()


def is_translation(page: Page) -> bool:
    """Whether the page is a translation of a policy page in another (source) language."""
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(object_id=page.translation_key).first()
    if source is not None:
        return source.locale_id != page.locale_id
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return False
    return Page.objects.filter(translation_key=page.translation_key, locale=default).exists()


def stamp_last_updated(sender, instance, revision, **kwargs) -> None:
    """`page_published` receiver: decide the date and write it into the page and its revision."""
    page = instance
    if revision is None or is_translation(page):
        return
    previous = previous_published_revision(page, revision)
    decided = decide_last_updated(
        revision.content,
        previous.content if previous else None,
        timezone.localdate(),
        changed=previous is not None and text_changed(revision, previous),
    )
    revision.content["last_updated"] = decided.isoformat()
    revision.content["minor_change"] = False
    revision.save(update_fields=["content"])
    type(page).objects.filter(pk=page.pk).update(last_updated=decided, minor_change=False)
    page.last_updated = decided
    page.minor_change = False

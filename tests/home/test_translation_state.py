"""Translation state: a translation is behind when its source was published after it was last
synced; missing when there is none."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationLog

from home.translation import TranslationState, page_translation_states
from tests.factories.catalogue import translate_page
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def state_of(page, code: str) -> str:
    states = page_translation_states([page.translation_key])
    return next(state.state for state in states if state.language_code == code)


def test_synced_after_the_source_was_published_is_up_to_date(site_pages):
    page = ContentPageFactory(parent=site_pages["en"], title="About")
    translate_page(page, "ru", {"About": "О магазине"})

    assert state_of(page, "ru") == TranslationState.UP_TO_DATE
    assert state_of(page, "kk") == TranslationState.MISSING


def test_source_published_after_the_last_sync_is_behind(site_pages):
    page = ContentPageFactory(parent=site_pages["en"], title="About")
    translate_page(page, "ru", {"About": "О магазине"})
    synced = TranslationLog.objects.get(locale__language_code="ru").created_at

    Page.objects.filter(pk=page.pk).update(last_published_at=synced + timedelta(seconds=1))
    assert state_of(page, "ru") == TranslationState.BEHIND

    Page.objects.filter(pk=page.pk).update(last_published_at=synced - timedelta(seconds=1))
    assert state_of(page, "ru") == TranslationState.UP_TO_DATE


def test_syncing_again_brings_a_translation_up_to_date(site_pages):
    page = ContentPageFactory(parent=site_pages["en"], title="About")
    translate_page(page, "ru", {"About": "О магазине"})
    page.title = "About us"
    page.save_revision().publish()
    assert state_of(page, "ru") == TranslationState.BEHIND

    translate_page(page, "ru", {"About us": "О нас"})

    assert state_of(page, "ru") == TranslationState.UP_TO_DATE


def test_translation_made_without_wagtail_localize_compares_its_own_publication(site_pages):
    # The home pages of the test site are copies published by hand, after their source.
    home = site_pages["en"]
    assert state_of(home, "ru") == TranslationState.UP_TO_DATE

    Page.objects.filter(pk=home.pk).update(last_published_at=timezone.now() + timedelta(hours=1))

    assert state_of(home, "ru") == TranslationState.BEHIND


def test_unpublished_source_is_not_reported(site_pages):
    page = ContentPageFactory(parent=site_pages["en"], title="Draft", live=False)

    assert page_translation_states([page.translation_key]) == []


def test_source_in_another_language_is_the_reference(site_pages):
    # A page written in Russian first and translated into English and Kazakh.
    russian_home = site_pages["ru"]
    page = ContentPageFactory(parent=russian_home, title="Акция", locale=russian_home.locale)
    translate_page(page, "en", {"Акция": "Offer"})

    states = {s.language_code: s.state for s in page_translation_states([page.translation_key])}

    assert states == {"en": TranslationState.UP_TO_DATE, "kk": TranslationState.MISSING}
    assert Locale.objects.count() == 3
